// The renderer's English texts that read differently in Brazilian Portuguese, for the language spec to
// check that none is left on a Portuguese screen. Texts with {{placeholders}} or <markup> are left out:
// they never appear whole on a screen.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LOCALES = resolve(__dirname, '../renderer/i18n/locales');

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else leaves(v, `${prefix}${k}.`, out);
  }
  return out;
}

export default function englishTexts(): string[] {
  const out: string[] = [];
  for (const file of readdirSync(join(LOCALES, 'en'))) {
    const en = leaves(JSON.parse(readFileSync(join(LOCALES, 'en', file), 'utf8')));
    const pt = leaves(JSON.parse(readFileSync(join(LOCALES, 'pt-BR', file), 'utf8')));
    for (const [key, text] of en) {
      const base = key.replace(/_(one|other)$/, '');
      const translated = pt.get(key) ?? pt.get(`${base}_other`);
      if (!/\{\{|</.test(text) && translated !== text) out.push(text);
    }
  }
  return out;
}
