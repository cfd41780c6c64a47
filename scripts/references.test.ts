// Every file a comment or a doc points to must exist in the repository, and nothing may cite the notes
// that were kept outside it: what the code relies on is written down in docs/ (docs/architecture.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrokenReferences, isCheckedFile, markdownHeadings, pathSet, repositoryFiles, type CheckInput } from './references';

const root = join(__dirname, '..');

// The names this check forbids, assembled so that this file does not contain them.
const NOTE = ['tool', 'chain'].join('') + '.md';
const LIBRARY_NOTE = ['wwebjs-1.34.7', 'md'].join('.');
const SHARED = ['..', 'shared'].join('/');
const SECTION = String.fromCharCode(0xa7);

function check(file: string, text: string, files: string[] = [], docs: Record<string, string> = {}): string[] {
  const paths = pathSet([file, ...files, ...Object.keys(docs)]);
  const input: CheckInput = {
    file,
    text,
    exists: (p) => paths.has(p),
    topLevel: new Set([...paths].map((p) => p.split('/')[0]!).filter(Boolean)),
    headings: (p) => markdownHeadings(docs[p] ?? ''),
  };
  return findBrokenReferences(input).map((p) => `${p.line}: ${p.ref}`);
}

describe('the reference matcher', () => {
  it('accepts a comment that cites a doc that exists, by repo path or relative to the file', () => {
    expect(check('main/a.ts', "// see docs/whatsapp-web.js.md, 'Heading'\nconst x = 1;\n", [], { 'docs/whatsapp-web.js.md': '## Heading\n' })).toEqual([]);
    expect(check('e2e/sim/x.ts', '/** see ../../docs/architecture.md */', ['docs/architecture.md'])).toEqual([]);
    expect(check('main/a.ts', '// the session lives in main/accounts/AccountSession.ts', ['main/accounts/AccountSession.ts'])).toEqual([]);
  });

  it('fails, with the line, on a comment that points to a file the repository does not have', () => {
    expect(check('main/a.ts', 'const a = 1;\n// see docs/missing.md\n', ['docs/architecture.md'])).toEqual(['2: docs/missing.md']);
    expect(check('main/a.ts', '/*\n * moved to main/accounts/gone.ts\n */', ['main/accounts/here.ts'])).toEqual(['2: main/accounts/gone.ts']);
  });

  it('fails on citations of the notes outside the repository: by name, the shared folder, numbered sections', () => {
    expect(check('main/a.ts', `// as measured (${NOTE}, "Traps")`)).toEqual([`1: ${NOTE}`]);
    expect(check('main/a.ts', `// spec: ${SHARED}/${LIBRARY_NOTE}`)).toEqual([`1: ${SHARED}/${LIBRARY_NOTE}`]);
    expect(check('README.md', `See the notes in ${SHARED}.`)).toEqual([`1: ${SHARED}`]);
    expect(check('main/a.ts', `// the silent hang (${SECTION}6.2)`)).toEqual([`1: ${SECTION}`]);
  });

  it('checks Markdown links relative to the citing file', () => {
    const files = ['docs/b.md', 'main/x.ts', 'docs/decisions/001-a.md'];
    expect(check('docs/a.md', '[b](b.md), [x](../main/x.ts), [d](decisions/001-a.md#context), [top](#heading)', files)).toEqual([]);
    expect(check('docs/a.md', 'text\n[z](z.md)', files)).toEqual(['2: z.md']);
  });

  it('finds a bare Markdown name beside the citing file, and fails when it is not there', () => {
    expect(check('e2e/sim/page/a.js', '// see README.md beside the page', ['e2e/sim/page/README.md'])).toEqual([]);
    expect(check('e2e/sim/page/a.js', '// see README.md beside the page')).toEqual(['1: README.md']);
  });

  it('checks that a cited heading exists in the cited doc', () => {
    const docs = { 'docs/lib.md': '# Lib\n\n## Phone unlink re-injects into the same browser\n\n## s3rver and the SDK\'s checksums\n' };
    expect(check('main/a.ts', '// (docs/lib.md, "Phone unlink re-injects into the same browser")', [], docs)).toEqual([]);
    expect(check('main/a.ts', "// see docs/lib.md, 's3rver and the SDK'", [], docs)).toEqual([]);
    expect(check('main/a.ts', '// (docs/lib.md, "s3rver and the SDK\'s checksums")', [], docs)).toEqual([]);
    expect(check('main/a.ts', '// (docs/lib.md, "A heading that was renamed")', [], docs)).toEqual(['1: docs/lib.md, "A heading that was renamed"']);
    expect(check('e2e/sim/page/a.js', '// (README.md, "Page modules")', [], { 'e2e/sim/README.md': '## Page modules (page/)\n' })).toEqual([]);
  });

  it('ignores URLs, package paths, build output, command-line examples and code that is not a comment', () => {
    const text = [
      '// https://github.com/wwebjs/whatsapp-web.js/blob/main/src/Client.js and [issue](https://example.com/x.md)',
      '// the library: src/authStrategies/LocalAuth.js L30, node_modules/whatsapp-web.js/src/Client.js',
      '// built to dist/main/electron.cjs',
      "const entry = 'main/not-a-comment.ts'; const doc = \"docs/nope.md\"; const re = /docs\\/x\\.md/;",
      'const t = `// main/inside-a-template.ts`;',
      '// usage: `npm run check -- ./your-module.js --out docs/yours.md`',
    ].join('\n');
    expect(check('main/a.ts', text, ['main/b.ts'])).toEqual([]);
  });
});

describe('the repository', () => {
  it('every comment and doc points to files that exist in it, and cites no note outside it', () => {
    const files = repositoryFiles(root);
    const paths = pathSet(files);
    const topLevel = new Set(files.map((f) => f.split('/')[0]!).filter((f) => paths.has(f) && !files.includes(f)));
    const problems: string[] = [];
    for (const file of files.filter(isCheckedFile)) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // removed since it was listed (someone is editing the tree)
      }
      const headings = (doc: string) => markdownHeadings(readFileSync(join(root, doc), 'utf8'));
      for (const p of findBrokenReferences({ file, text, exists: (x) => paths.has(x), topLevel, headings })) problems.push(`${file}:${p.line}: ${p.ref} (${p.why})`);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});
