import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageConfig } from './types';

/**
 * index.html for https://web.whatsapp.com/: everything inline in one document, so the same HTML would
 * also work through whatsapp-web.js's local web cache (which serves exactly one file).
 */
export class PageHtml {
  private readonly script = readFileSync(join(__dirname, 'page', 'waweb.js'), 'utf8');

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
