import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageConfig } from './types';

/** The page's script files, in load order: object model, messaging modules, then boot and registry. */
const PAGE_FILES = ['model.js', 'messaging.js', 'waweb.js'];

/**
 * index.html for https://web.whatsapp.com/: everything inline in one document, so the same HTML would
 * also work through whatsapp-web.js's local web cache (which serves exactly one file).
 */
export class PageHtml {
  // One closure for all page files: they share `SIM` and define no globals (see page/model.js).
  private readonly script = [
    "(function () {\n'use strict';\nvar SIM = {};",
    ...PAGE_FILES.map((file) => readFileSync(join(__dirname, 'page', file), 'utf8')),
    '})();',
  ].join('\n');

  constructor(private readonly config: PageConfig) {}

  render(): string {
    // "<" is escaped so no configuration value can close the JSON script element.
    const json = JSON.stringify(this.config).replace(/</g, '\\u003c');
    return [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WhatsApp</title></head>',
      '<body><div id="app">WhatsApp Web (simulated)</div>',
      `<script id="sim-config" type="application/json">${json}</script>`,
      `<script>${this.script}</script>`,
      '</body></html>',
    ].join('\n');
  }
}
