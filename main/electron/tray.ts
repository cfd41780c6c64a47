// The tray icon (menu bar on macOS) and the badge: applies main/desktop/trayModel.ts. What the menu says,
// which items can be used, the icon and the badge are decided there and unit-tested; this file only
// builds Electron objects from them and routes a click to its action.
import { app, Menu, nativeImage, Tray, type BrowserWindow, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { trayIconPng } from '../desktop/trayIcon';
import { trayIndicator, trayMenuModel, type TrayAccount, type TrayIconKind, type TrayItemId, type TrayMenuItem, type TrayState } from '../desktop/trayModel';

/** What each menu item does; checkbox items get the new value. */
export type TrayActions = Record<Exclude<TrayItemId, 'status-ready' | 'status-attention' | 'status-unread'>, (checked: boolean) => void>;

/** The model's items as an Electron menu template; status lines carry no click. */
export function trayMenuTemplate(items: readonly TrayMenuItem[], actions: TrayActions): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.id in actions ? actions[item.id as keyof TrayActions] : undefined;
    return {
      id: item.id,
      type: item.type,
      label: item.label,
      enabled: item.enabled,
      ...(item.type === 'checkbox' ? { checked: item.checked } : {}),
      ...(action ? { click: (menuItem: { checked: boolean }) => action(menuItem.checked) } : {}),
    };
  });
}

// 32 px drawn, shown at 16 pt: sharp on high-density screens, the usual tray size elsewhere.
function icon(kind: TrayIconKind): NativeImage {
  return nativeImage.createFromBuffer(trayIconPng(kind, 32), { scaleFactor: 2 });
}

export class AppTray {
  private readonly tray: Tray;
  private shownMenu = '';
  private shownIcon: TrayIconKind = 'normal';

  constructor(
    private readonly actions: TrayActions,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.tray = new Tray(icon('normal'));
    // Windows and Linux: a click on the icon opens the window; the menu is on the right button (and,
    // on Linux, wherever the desktop puts it). macOS opens the menu on click, as menu bar items do.
    if (platform !== 'darwin') this.tray.on('click', () => actions.show(true));
  }

  /** Shows the accounts' counts and the state; rebuilds the menu only when something in it changed. */
  update(accounts: readonly TrayAccount[], state: TrayState, window: BrowserWindow | null): void {
    const items = trayMenuModel(accounts, state);
    const key = JSON.stringify(items);
    if (key !== this.shownMenu) {
      this.shownMenu = key;
      this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(items, this.actions)));
    }
    const indicator = trayIndicator(accounts, state.unread);
    this.tray.setToolTip(indicator.tooltip);
    if (indicator.icon !== this.shownIcon) {
      this.shownIcon = indicator.icon;
      this.tray.setImage(icon(indicator.icon));
    }
    // The badge: the dock on macOS, the launcher on Linux (Unity API), the taskbar overlay on Windows.
    if (this.platform === 'darwin') app.dock?.setBadge(indicator.dockText);
    else if (this.platform === 'linux') app.setBadgeCount(indicator.badgeCount);
    else if (this.platform === 'win32' && window && !window.isDestroyed()) {
      window.setOverlayIcon(indicator.overlay ? nativeImage.createFromBuffer(trayIconPng(indicator.icon, 16)) : null, indicator.overlay ?? '');
    }
  }

  /** Where notifications cannot be shown (Windows without them): the tray's own balloon. */
  balloon(title: string, content: string): void {
    if (this.platform === 'win32') this.tray.displayBalloon({ title, content });
  }

  destroy(): void {
    this.tray.destroy();
  }
}
