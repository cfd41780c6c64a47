// What a packaged app offers instead of Electron's default menu, and the guard that keeps DevTools shut.
// Plain data and functions (only types from 'electron'): Vitest checks them where no Electron binary exists.
// Why: DevTools in a packaged app is a console with the app's privileges over the renderer (and the IPC
// contract it reaches); Electron's default menu opens it with Ctrl+Shift+I and reloads the page with Ctrl+R.
import type { MenuItemConstructorOptions } from 'electron';
import { mainIsEnglish, tm, type DesktopKey } from '../i18n';

/** The menu words main's catalogs have (menu.<role>). */
type MenuWord = DesktopKey extends infer K ? (K extends `menu.${infer R}` ? R : never) : never;

/** Menu roles that open DevTools or reload the page: never in a packaged app's menu. */
export const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'help'] as const;

/**
 * The packaged app's menu: the usual File, Edit and Window menus (copy, paste and quit keep their
 * shortcuts, which on macOS exist only through the menu) and a View menu with zoom and full screen only.
 * Electron names role items in English only: in another language every item gets its label from
 * main's catalogs (main/i18n/), and each role menu its submenu spelled out so those items have labels.
 */
export function packagedMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const words = mainIsEnglish() ? null : (role: MenuWord) => tm(`menu.${role}`);
  const item = (role: MenuWord & NonNullable<MenuItemConstructorOptions['role']>): MenuItemConstructorOptions => (words ? { role, label: words(role) } : { role });
  const menu = (role: 'appMenu' | 'fileMenu' | 'editMenu' | 'windowMenu', submenu: MenuItemConstructorOptions[]): MenuItemConstructorOptions =>
    words ? { role, label: role === 'appMenu' ? tm('app.name') : words(role), submenu } : { role };
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const mac = platform === 'darwin';
  const view: MenuItemConstructorOptions = {
    label: tm('menu.view'),
    submenu: [item('resetZoom'), item('zoomIn'), item('zoomOut'), separator, item('togglefullscreen')],
  };
  return [
    ...(mac ? [menu('appMenu', [item('about'), separator, item('services'), separator, item('hide'), item('hideOthers'), item('unhide'), separator, item('quit')])] : []),
    menu('fileMenu', [mac ? item('close') : item('quit')]),
    menu('editMenu', [item('undo'), item('redo'), separator, item('cut'), item('copy'), item('paste'), ...(mac ? [item('pasteAndMatchStyle')] : []), item('delete'), separator, item('selectAll')]),
    view,
    menu('windowMenu', [item('minimize'), item('zoom'), ...(mac ? [separator, item('front')] : [item('close')])]),
  ];
}

/** Every role in a template, submenus included. */
export function menuRoles(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? menuRoles(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

interface DevToolsContents {
  on(event: 'devtools-opened', listener: () => void): unknown;
  closeDevTools(): void;
}

/**
 * Closes DevTools the moment they open, however they were opened (webPreferences.devTools: false
 * already refuses them; this is the second lock should anything get past the first).
 */
export function closeDevToolsWhenOpened(contents: DevToolsContents): void {
  contents.on('devtools-opened', () => contents.closeDevTools());
}
