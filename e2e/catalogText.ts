// The renderer's English texts that read differently in Brazilian Portuguese, for the language spec to
// check that none is left on a Portuguese screen. Texts with {{placeholders}} or <markup> are left out:
// they never appear whole on a screen.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { flatten, type Tree } from '../scripts/catalogCheck';

const LOCALES = resolve(__dirname, '../renderer/i18n/locales');

function leaves(file: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(file, 'utf8')) as Tree) as Map<string, string>;
}

export default function englishTexts(): string[] {
  const out: string[] = [];
  for (const file of readdirSync(join(LOCALES, 'en'))) {
    const en = leaves(join(LOCALES, 'en', file));
    const pt = leaves(join(LOCALES, 'pt-BR', file));
    for (const [key, text] of en) {
      const base = key.replace(/_(one|other)$/, '');
      const translated = pt.get(key) ?? pt.get(`${base}_other`);
      if (!/\{\{|</.test(text) && translated !== text) out.push(text);
    }
  }
  return out;
}
