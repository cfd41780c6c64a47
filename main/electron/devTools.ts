// What a packaged app offers instead of Electron's default menu, and the guard that keeps DevTools shut.
// Plain data and functions (only types from 'electron'): Vitest checks them where no Electron binary exists.
// Why: DevTools in a packaged app is a console with the app's privileges over the renderer (and the IPC
// contract it reaches); Electron's default menu opens it with Ctrl+Shift+I and reloads the page with Ctrl+R.
import type { MenuItemConstructorOptions } from 'electron';

/** Menu roles that open DevTools or reload the page: never in a packaged app's menu. */
export const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'help'] as const;

/**
 * The packaged app's menu: the usual File, Edit and Window menus (copy, paste and quit keep their
 * shortcuts, which on macOS exist only through the menu) and a View menu with zoom and full screen only.
 */
export function packagedMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
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
