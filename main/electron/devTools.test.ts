import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { DEVELOPER_ROLES, closeDevToolsWhenOpened, menuRoles, packagedMenuTemplate } from './devTools';

describe('packaged app menu', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`on ${platform} has no DevTools, reload or Electron help, and keeps edit, zoom and window`, () => {
      const roles = menuRoles(packagedMenuTemplate(platform));
      for (const role of DEVELOPER_ROLES) expect(roles, role).not.toContain(role);
      // Case-insensitive: Electron accepts 'toggledevtools' as well.
      expect(roles.map((r) => r.toLowerCase()).filter((r) => /devtools|reload/.test(r))).toEqual([]);
      expect(roles).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'zoomIn', 'zoomOut', 'resetZoom']));
    });
  }

  it('has the application menu on macOS only', () => {
    expect(menuRoles(packagedMenuTemplate('darwin'))).toContain('appMenu');
    expect(menuRoles(packagedMenuTemplate('linux'))).not.toContain('appMenu');
  });

  it('finds roles inside submenus, so a DevTools item nested anywhere would be seen', () => {
    expect(menuRoles([{ label: 'X', submenu: [{ label: 'Y', submenu: [{ role: 'toggleDevTools' }] }] }])).toEqual(['toggleDevTools']);
  });
});

describe('closeDevToolsWhenOpened', () => {
  it('closes DevTools as soon as they open', () => {
    const contents = Object.assign(new EventEmitter(), { closeDevTools: vi.fn() });
    closeDevToolsWhenOpened(contents);
    expect(contents.closeDevTools).not.toHaveBeenCalled();
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalledTimes(1);
  });
});
