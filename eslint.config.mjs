// Lint: typescript-eslint's recommended rules (kept pragmatic) plus the import boundaries that keep
// the engine runnable without Electron (docs/decisions/006-engine-testable-without-electron.md):
//   - renderer/ imports neither 'electron' nor Node built-ins: it runs in a sandboxed page and in a browser;
//   - nothing in main/ outside main/electron/ imports 'electron': the engine runs under plain Node
//     (Vitest, the web host) on machines where no Electron binary exists;
//   - preload/ files other than the Electron preload (index.ts) stay Electron-free: preload/web.ts is
//     the browser bridge, contract.ts and api.ts are shared by every process;
//   - accounts do not know backup: main/accounts/ imports nothing of main/backup/, and main/backup/
//     reaches accounts only through their named interface, main/accounts/AccountsPort.ts (the
//     composition root, main/index.ts, wires the two and main/accountView.ts joins them).
// scripts/lint.int.test.ts proves each boundary.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

const electronOnlyInShell = {
  name: 'electron',
  message: "Only main/electron/ and preload/index.ts may import 'electron': the engine and the UI must run without it.",
};
const builtinMessage = 'The renderer runs in a sandboxed page and in a browser: no Node built-ins. Ask main through window.api.';

// Dynamic import() and require() get past no-restricted-imports; catch them by their string argument.
const electronCall = (what) => [
  { selector: "ImportExpression[source.value='electron']", message: electronOnlyInShell.message + ` (${what})` },
  { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: electronOnlyInShell.message + ` (${what})` },
];
const builtinPattern = `/^(node:.*|(${nodeBuiltins.map((m) => m.replace(/[/]/g, '\\/')).join('|')}))$/`;
const builtinCall = [
  { selector: `ImportExpression[source.value=${builtinPattern}]`, message: builtinMessage },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=${builtinPattern}]`, message: builtinMessage },
];

// Accounts and backup, apart (the same source patterns catch import, import type, import() and require()).
const backupSource = '(^|/)backup(/.*)?$';
const accountsSourceButPort = '(^|/)accounts(/(?!AccountsPort(\\.[jt]s)?$).*)?$';
const accountsKnowNoBackup = 'main/accounts/ must not import main/backup/: the composition root (main/index.ts) hands accounts a start gate, and main/accountView.ts joins an account with its backup status.';
const backupSeesAccountsPort = 'main/backup/ may import only main/accounts/AccountsPort.ts of accounts: reach a profile, a state or a block through AccountsForBackup.';
const sourceCall = (pattern, message) => [
  { selector: `ImportExpression[source.value=/${pattern.replace(/\//g, '\\/')}/]`, message },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=/${pattern.replace(/\//g, '\\/')}/]`, message },
];

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'release/', 'test-results/', 'playwright-report/', '.tmp/', 'coverage/'] },
  tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (callback signatures fixed by a library).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `interface X { on<K>(...) }` merged into `class X extends EventEmitter` is how this code base
      // types its event emitters; the rule flags exactly that idiom.
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
    },
  },
  {
    // Playwright compiles specs to CommonJS; require('electron') is how they ask for the binary's path.
    files: ['e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['^electron$'] }] },
  },
  {
    // The simulated WhatsApp Web page is ES5 browser script (it mimics the real page): `var self = this`.
    files: ['e2e/sim/page/**/*.js'],
    rules: { '@typescript-eslint/no-this-alias': 'off' },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Every word a person reads comes from a catalog (renderer/i18n/): no text or user-facing attribute
    // (aria-label, title, placeholder, alt…) written straight into JSX. Attributes that are markup, not
    // words, are listed. Plain view modules (sessionView.ts…) are not JSX: their strings go through t().
    files: ['renderer/**/*.tsx'],
    ignores: ['**/*.test.tsx', '**/testing/**'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', {
        mode: 'jsx-only',
        'jsx-attributes': { exclude: ['className', 'style', 'type', 'key', 'id', 'width', 'height', 'role', 'data-testid', 'name', 'htmlFor', 'autoComplete', 'inputMode', 'rel', 'target', 'aria-live', 'aria-hidden', 'aria-controls', 'aria-describedby', 'aria-labelledby', 'aria-haspopup', 'aria-orientation', 'aria-current', 'method', 'accept', 'pattern', 'spellCheck', 'tabIndex', 'lang', 'dir', 'href', 'src', 'value', 'field', 'tone', 'kind', 'variant', 'ns', 'i18nKey'] },
      }],
    },
  },
  {
    // Size limits: files at most 300 lines, functions at most 80, so each reads in one sitting; split
    // along a seam you can name. Tests may be long tables. scripts/sizes.test.ts proves the rules and
    // measures the stylesheets, which ESLint does not read.
    files: ['main/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/testing/**'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx,js,jsx,mjs}'],
    // Renderer tests run under Node in Vitest and may read fixtures; the shipped UI may not.
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, ...nodeBuiltins.map((name) => ({ name, message: builtinMessage }))],
          patterns: [{ group: ['node:*'], message: builtinMessage }],
        },
      ],
      'no-restricted-syntax': ['error', ...electronCall('renderer'), ...builtinCall],
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
      'no-restricted-syntax': ['error', ...electronCall('renderer')],
    },
  },
  {
    files: ['main/**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
      'no-restricted-syntax': ['error', ...electronCall('main')],
    },
  },
  {
    // Tests included: a test of accounts that needs backup belongs to the composition root.
    files: ['main/accounts/**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: [{ regex: backupSource, message: accountsKnowNoBackup }] }],
      'no-restricted-syntax': ['error', ...electronCall('main'), ...sourceCall(backupSource, accountsKnowNoBackup)],
    },
  },
  {
    files: ['main/backup/**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: [{ regex: accountsSourceButPort, message: backupSeesAccountsPort }] }],
      'no-restricted-syntax': ['error', ...electronCall('main'), ...sourceCall(accountsSourceButPort, backupSeesAccountsPort)],
    },
  },
  {
    files: ['preload/**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['preload/index.ts', 'preload/index.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
      'no-restricted-syntax': ['error', ...electronCall('preload')],
    },
  },
);
