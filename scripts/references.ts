// Finds references to files in comments and docs that do not resolve inside the repository, and
// citations of notes that live outside it. scripts/references.test.ts runs it over every source and doc
// file; the repository must carry what its comments point to (docs/architecture.md, docs/whatsapp-web.js.md).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { posix } from 'node:path';

export interface BrokenReference {
  line: number;
  ref: string;
  why: string;
}

export interface CheckInput {
  /** Repo-relative path of the citing file, with forward slashes. */
  file: string;
  text: string;
  /** True when a repo-relative path (forward slashes, no leading ./) is a file or folder of the repository. */
  exists: (path: string) => boolean;
  /** First path segments that name the repository's own folders (main, docs, e2e, …). */
  topLevel: ReadonlySet<string>;
  /** The headings of a Markdown file of the repository, to check a heading cited after its name. */
  headings?: (path: string) => string[];
}

// The notes that were written beside the project but are not part of it. Built from pieces so that this
// file does not cite them itself.
const OUTSIDE_NOTES = ['wwebjs-1.34.7', 'wwebjs-messaging', 'users', 'toolchain', 'memory', 'design', 'libraries'].map((n) => `${n}.md`);
const SECTION_SIGN = '\u00a7';
const SHARED = 'shared';
/** The folder of those notes, named directly or one or more levels up, with or without a file in it. */
const SHARED_TOKEN = new RegExp(`(?<![\\w./-])((?:\\.\\./)+${SHARED}(?![\\w-])[\\w./-]*|${SHARED}/[\\w./-]+)`, 'g');

const EXTENSIONS = 'tsx?|mts|cts|mjs|cjs|jsx?|md|json|ya?ml|html|css|sh|png|svg|txt';
/** `a/b/c.ext`, `./x.ext`, `../x.ext` (one slash at least). */
const PATH_TOKEN = new RegExp(`(?<![\\w@/.:-])((?:\\.{1,2}/)*[\\w@.-]+(?:/[\\w@.-]+)+\\.(?:${EXTENSIONS}))(?![\\w/-])`, 'g');
/** `docs/…`, with or without an extension (a folder is fine when it exists). */
const DOCS_TOKEN = /(?<![\w@/.:-])(docs\/[\w@./-]*)/g;
/** A bare Markdown file name: `README.md`. */
const MD_NAME = /(?<![\w@/.:-])([\w.-]+\.md)(?![\w/-])/g;
/** A Markdown link; group 1 is its target. */
const MD_LINK = /\[[^\]\n]*\]\(([^()\s]+)(?:\s+"[^"]*")?\)/g;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]'"`]+/gi;
/** A command line in backticks: its arguments are examples of what a user types (`npm run x -- ./mine.js`). */
const COMMAND = /`(?:npm|npx|node|tsx)\s[^`]*`/g;
const IGNORED_ROOTS = new Set(['node_modules', 'dist', 'test-results', '.git']);

const CODE_FILE = /\.(?:[cm]?[jt]sx?|css)$/;
const HASH_COMMENT_FILE = /(?:\.ya?ml|\.sh|^\.ci\/run|\.gitignore)$/;

/** The parts of a file that are prose: all of a Markdown file, the comments of a code file. */
export function proseOf(file: string, text: string): string {
  if (file.endsWith('.md')) return text;
  if (CODE_FILE.test(file)) return jsComments(text);
  if (HASH_COMMENT_FILE.test(file)) return text.split('\n').map((l) => (/^\s*#/.test(l) ? l : l.includes(' #') ? l.slice(l.indexOf(' #')) : '')).join('\n');
  // HTML: only what is inside <!-- --> (a one-character match is anything else, blanked).
  if (file.endsWith('.html')) return text.replace(/<!--[\s\S]*?-->|[^\n]/g, (m) => (m.length > 1 ? m : ' '));
  return '';
}

/**
 * Keeps `//` and `/* *\/` comments and blanks everything else (strings, template literals, code),
 * preserving line breaks so that line numbers stay right.
 */
function jsComments(text: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n')) j += text[j] === '\\' ? 2 : 1;
      out += blank(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '/' && /[(,=:[!&|?{};]\s*$|^\s*$|return\s*$/.test(text.slice(Math.max(0, i - 12), i).split('\n').pop() ?? '')) {
      // A regular-expression literal: skip it so a `//` or a quote inside does not derail the scan.
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n' && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j += 1;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j += 1;
      }
      out += blank(text.slice(i, j + 1));
      i = j + 1;
    } else {
      out += c === '\n' ? '\n' : ' ';
      i += 1;
    }
  }
  return out;
}

function normalize(path: string): string | null {
  const n = posix.normalize(path);
  if (n === '..' || n.startsWith('../') || posix.isAbsolute(n)) return null; // outside the repository
  return n === '.' ? '' : n.replace(/\/$/, '');
}

/**
 * The repo path a reference names: relative to the citing file, then to the repository root; a bare
 * file name (`README.md`) is also looked for in the folders above the citing file, nearest first.
 */
function resolve(ref: string, input: CheckInput): string | null {
  const clean = ref.replace(/[#?].*$/, '');
  if (clean === '') return input.file; // a link to a heading of the same file
  const here = posix.dirname(input.file);
  const candidates = [posix.join(here, clean)];
  if (!clean.startsWith('.')) {
    if (!clean.includes('/')) for (let d = posix.dirname(here); d !== '.' && d !== here; d = posix.dirname(d)) candidates.push(posix.join(d, clean));
    candidates.push(clean);
  }
  for (const c of candidates) {
    const n = normalize(c);
    if (n !== null && input.exists(n)) return n;
  }
  return null;
}

function resolves(ref: string, input: CheckInput): boolean {
  return resolve(ref, input) !== null;
}

/** `, "Heading"` right after a reference to a Markdown file. */
const CITED_HEADING = /^`?\s*,\s*(?:"([^"]{3,})"|'([^']{3,})'|\u201c([^\u201d]{3,})\u201d)/;
const simple = (s: string) => s.toLowerCase().replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();

function isOutsideNote(ref: string): boolean {
  const base = ref.replace(/[#?].*$/, '').split('/').pop() ?? '';
  return OUTSIDE_NOTES.includes(base) || new RegExp(`^(?:\\.\\./)*${SHARED}(?:/|$)`).test(ref);
}

/** Every reference in `input.text` that points outside the repository or to nothing. */
export function findBrokenReferences(input: CheckInput): BrokenReference[] {
  const problems: BrokenReference[] = [];
  const lines = proseOf(input.file, input.text).split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(URL, (m) => ' '.repeat(m.length)).replace(COMMAND, (m) => ' '.repeat(m.length));
    const seen = new Set<string>();
    const report = (ref: string, why: string) => {
      if (seen.has(ref)) return;
      seen.add(ref);
      problems.push({ line, ref, why });
    };
    const check = (ref: string, strict: boolean, after = '') => {
      if (isOutsideNote(ref) && !resolves(ref, input)) return report(ref, 'cites a note outside the repository; cite a file in docs/ instead');
      const first = ref.replace(/^(\.{1,2}\/)+/, '').split('/')[0] ?? '';
      if (IGNORED_ROOTS.has(first)) return;
      // `src/Client.js` is a path inside a package, not in this repository: only the repo's own folders count.
      if (!strict && !ref.startsWith('.') && ref.includes('/') && !input.topLevel.has(first)) return;
      const target = resolve(ref, input);
      if (target === null) return report(ref, 'no such file in the repository');
      const cited = CITED_HEADING.exec(after);
      const heading = cited?.[1] ?? cited?.[2] ?? cited?.[3];
      if (heading && target.endsWith('.md') && input.headings) {
        const wanted = simple(heading);
        if (!input.headings(target).some((h) => simple(h).startsWith(wanted))) report(`${ref}, "${heading}"`, `${target} has no heading "${heading}"`);
      }
    };
    const tail = (m: RegExpMatchArray) => text.slice((m.index ?? 0) + m[0].length);

    if (text.includes(SECTION_SIGN)) report(SECTION_SIGN, 'cites a numbered section of a note outside the repository; cite a heading of a file in docs/');
    for (const m of text.matchAll(SHARED_TOKEN)) check(m[1]!.replace(/[.,;:]+$/, ''), false);
    const masked: string[] = [];
    for (const m of text.matchAll(MD_LINK)) {
      const target = m[1]!;
      masked.push(m[0]);
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('<')) continue;
      check(target, true);
    }
    let rest = masked.reduce((t, m) => t.replace(m, ' '.repeat(m.length)), text);
    for (const m of rest.matchAll(PATH_TOKEN)) check(m[1]!, false, tail(m));
    rest = rest.replace(PATH_TOKEN, (m) => ' '.repeat(m.length));
    for (const m of rest.matchAll(DOCS_TOKEN)) check(m[1]!.replace(/[.,;:]+$/, ''), true, tail(m));
    rest = rest.replace(DOCS_TOKEN, (m) => ' '.repeat(m.length));
    for (const m of rest.matchAll(MD_NAME)) check(m[1]!, true, tail(m));
  });
  return problems;
}

/**
 * Files the check reads: tracked ones and untracked ones git does not ignore. Outside a git checkout
 * (an unpacked archive), every file but installed packages and build output.
 */
export function repositoryFiles(root: string): string[] {
  const list = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
  let files: string[];
  try {
    files = [...new Set([...list(['ls-files']), ...list(['ls-files', '--others', '--exclude-standard'])])];
  } catch {
    files = walk(root, '');
  }
  return files.filter((f) => existsSync(posix.join(root, f))).sort();
}

function walk(root: string, dir: string): string[] {
  return readdirSync(posix.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return IGNORED_ROOTS.has(e.name) ? [] : walk(root, rel);
    return e.isFile() ? [rel] : [];
  });
}

/** The set `exists` reads: every file and every folder above one. */
export function pathSet(files: readonly string[]): Set<string> {
  const set = new Set<string>(['']);
  for (const f of files) {
    set.add(f);
    for (let d = posix.dirname(f); d !== '.' && !set.has(d); d = posix.dirname(d)) set.add(d);
  }
  return set;
}

/** Files whose prose is checked (package-lock.json is generated; images and data have none). */
export function isCheckedFile(file: string): boolean {
  if (file === 'package-lock.json' || file.startsWith('e2e/sim/fixtures/')) return false;
  return file.endsWith('.md') || CODE_FILE.test(file) || HASH_COMMENT_FILE.test(file) || file.endsWith('.html');
}

/** The text of each `#`-heading of a Markdown file (fenced code is skipped). */
export function markdownHeadings(text: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}
