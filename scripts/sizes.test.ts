// The size rule of main/ and renderer/ (files at most 300 lines, functions at most 80, tests excepted):
// ESLint's max-lines and max-lines-per-function enforce it for code (eslint.config.mjs), proved here on
// code given as text; stylesheets, which ESLint does not read, are measured here directly.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const MAX_FILE_LINES = 300;

async function ruleIds(relPath: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: root }).lintText(code, { filePath: path.join(root, relPath) });
  if (!result) throw new Error(`ESLint returned no result for ${relPath}`);
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const statements = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
const fnOfLines = (n: number) => `export function f(): number {\n${statements(n - 3)}\n  return 0;\n}\n`;
const fileOfLines = (n: number) => Array.from({ length: n }, (_, i) => `export const c${i} = ${i};`).join('\n') + '\n';

describe('code size limits', () => {
  it('a file of 301 lines in main/ or renderer/ is refused; 300 pass', async () => {
    expect(await ruleIds('main/backup/Big.ts', fileOfLines(301))).toContain('max-lines');
    expect(await ruleIds('renderer/components/Big.tsx', fileOfLines(301))).toContain('max-lines');
    expect(await ruleIds('main/backup/Big.ts', fileOfLines(300))).not.toContain('max-lines');
  }, 30_000);

  it('a function of 81 lines is refused; 80 pass', async () => {
    expect(await ruleIds('renderer/components/Long.tsx', fnOfLines(81))).toContain('max-lines-per-function');
    expect(await ruleIds('main/accounts/long.ts', fnOfLines(81))).toContain('max-lines-per-function');
    expect(await ruleIds('main/accounts/long.ts', fnOfLines(80))).not.toContain('max-lines-per-function');
  }, 30_000);

  it('tests and test helpers may be longer', async () => {
    const sizeRules = (ids: string[]) => ids.filter((id) => id.startsWith('max-lines'));
    expect(sizeRules(await ruleIds('main/backup/Big.test.ts', fileOfLines(400) + fnOfLines(120)))).toEqual([]);
    expect(sizeRules(await ruleIds('renderer/components/Big.test.tsx', fileOfLines(400)))).toEqual([]);
    expect(sizeRules(await ruleIds('main/backup/testing/contract.ts', fnOfLines(120)))).toEqual([]);
  }, 30_000);
});

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return cssFiles(full);
    return e.name.endsWith('.css') ? [path.relative(root, full)] : [];
  });
}

describe('stylesheet size limits', () => {
  const sheets = cssFiles(path.join(root, 'renderer'));

  it(`no stylesheet in renderer/ is over ${MAX_FILE_LINES} lines`, () => {
    expect(sheets).toContain(path.join('renderer', 'styles.css'));
    const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const tooLong = sheets.map((file) => ({ file, lines: lineCount(readFileSync(path.join(root, file), 'utf8')) })).filter((s) => s.lines > MAX_FILE_LINES);
    expect(tooLong).toEqual([]);
  });

  it('every stylesheet split into renderer/styles/ is imported by renderer/styles.css', () => {
    const main = readFileSync(path.join(root, 'renderer', 'styles.css'), 'utf8');
    const imported = [...main.matchAll(/@import '\.\/(styles\/[\w-]+\.css)';/g)].map((m) => path.join('renderer', m[1]!));
    expect(imported.sort()).toEqual(sheets.filter((f) => f.startsWith(path.join('renderer', 'styles') + path.sep)).sort());
  });
});
