import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setMainLanguage } from '../i18n';
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

describe('packaged app menu in Brazilian Portuguese', () => {
  afterEach(() => {
    setMainLanguage('en', 'en-US');
  });

  const labels = (template: readonly MenuItemConstructorOptions[]): Array<string | undefined> =>
    template.flatMap((i) => (i.type === 'separator' ? [] : [i.label, ...(Array.isArray(i.submenu) ? labels(i.submenu as MenuItemConstructorOptions[]) : [])]));

  it('in English leaves Electron’s own role labels, as before', () => {
    expect(packagedMenuTemplate('linux')).toEqual([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
      { role: 'windowMenu' },
    ]);
  });

  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`on ${platform} labels every menu and item, keeping the roles (and their shortcuts) and still no DevTools`, () => {
      setMainLanguage('system', 'pt-BR');
      const template = packagedMenuTemplate(platform);
      expect(labels(template).filter((l) => !l)).toEqual([]);
      const roles = menuRoles(template);
      for (const role of DEVELOPER_ROLES) expect(roles, role).not.toContain(role);
      expect(roles).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'undo', 'copy', 'paste', 'selectAll', 'minimize']));
      expect(template.map((i) => i.label)).toEqual([...(platform === 'darwin' ? ['WA Accounts'] : []), 'Arquivo', 'Editar', 'Exibir', 'Janela']);
      expect(labels(template)).toEqual(expect.arrayContaining(['Desfazer', 'Copiar', 'Colar', 'Selecionar tudo', 'Minimizar']));
    });
  }
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
