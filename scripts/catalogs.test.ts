// Every language is complete: a key English has and another language lacks (or the reverse) fails here,
// so a screen can never show a raw key or fall back to English unnoticed. English keys themselves are
// checked by the type check (renderer/i18n/i18next.d.ts types every t() call against them).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../preload/settings';
import { catalogProblems } from './catalogCheck';

const root = join(__dirname, '..');
/** Each folder holds one sub-folder per language, each with one JSON file per namespace. */
const CATALOG_ROOTS = ['renderer/i18n/locales', 'main/i18n/locales'];

function read(file: string) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('translation catalogs', () => {
  for (const dir of CATALOG_ROOTS.filter((d) => existsSync(join(root, d)))) {
    const namespaces = readdirSync(join(root, dir, 'en')).filter((f) => f.endsWith('.json'));
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      it(`${dir}: ${language} has every namespace and every key English has`, () => {
        const files = readdirSync(join(root, dir, language)).filter((f) => f.endsWith('.json'));
        expect(files.sort()).toEqual([...namespaces].sort());
        const problems = namespaces.flatMap((ns) => catalogProblems(read(join(root, dir, 'en', ns)), read(join(root, dir, language, ns)), language).map((p) => `${ns}: ${p}`));
        expect(problems).toEqual([]);
      });
    }
  }

  it('the renderer catalogs are the ones its resources load', async () => {
    const { NAMESPACES } = await import('../renderer/i18n/resources');
    const files = readdirSync(join(root, 'renderer/i18n/locales/en')).map((f) => f.replace(/\.json$/, ''));
    expect([...NAMESPACES].sort()).toEqual(files.sort());
  });

  it('finds a missing key, a missing plural form, a stray key, an empty text and a lost placeholder', () => {
    const en = { a: 'A', n: { x_one: '{{count}} x', x_other: '{{count}} xs' }, p: 'Hi {{name}}' };
    expect(catalogProblems(en, { n: { x_one: 'um', x_other: 'uns', x_many: 'muitos' }, p: 'Oi {{name}}' }, 'pt-BR')).toEqual(['pt-BR: missing "a"']);
    expect(catalogProblems(en, { a: 'A', n: { x_one: 'um', x_other: 'uns' }, p: 'Oi {{name}}' }, 'pt-BR')).toEqual(['pt-BR: missing "n.x_many"']);
    expect(catalogProblems(en, { a: '', b: 'B', n: { x_one: 'um', x_other: 'uns', x_many: 'm' }, p: 'Oi' }, 'pt-BR')).toEqual([
      'pt-BR: "a" is empty',
      'pt-BR: "p" drops {{name}}',
      'pt-BR: "b" is not in the English catalog',
    ]);
    expect(catalogProblems(en, { a: 'A', n: { x_one: 'um', x_other: 'uns', x_many: 'm' }, p: 'Oi {{nome}}' }, 'pt-BR')).toEqual([
      'pt-BR: "p" uses {{nome}}, which English does not pass',
      'pt-BR: "p" drops {{name}}',
    ]);
  });
});
