import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageConfig } from './types';

/** The page's script files, in load order: object model, messaging modules, chat list, then boot and registry. */
const PAGE_FILES = ['model.js', 'messaging.js', 'view.js', 'waweb.js'];

/** Just enough style for the chat list to read like WhatsApp Web's in a window or a screenshot. */
const PAGE_CSS = [
  'body{font:15px system-ui,sans-serif;margin:0;background:#f0f2f5;color:#111b21}',
  'header{background:#008069;color:#fff;padding:.8rem 1rem}',
  'ul{list-style:none;margin:0;padding:0;background:#fff}',
  'li{padding:.6rem 1rem;border-bottom:1px solid #e9edef}',
  'li div{color:#667781;margin-top:.2rem}',
  '[data-testid=unread]{background:#25d366;color:#fff;border-radius:1rem;padding:0 .45rem;font-size:.8rem}',
  'p{padding:1rem}',
].join('');

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
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WhatsApp</title>',
      `<style>${PAGE_CSS}</style></head>`,
      '<body><div id="app">WhatsApp Web (simulated)</div>',
      `<script id="sim-config" type="application/json">${json}</script>`,
      `<script>${this.script}</script>`,
      '</body></html>',
    ].join('\n');
  }
}
