import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

// One config, three builds (see package.json "build"):
//   vite build                 -> dist/renderer/  (the React UI, served by Electron or the web host)
//   vite build --mode main     -> dist/main/      (plain Node entries: the web host and the Electron shell)
//   vite build --mode preload  -> dist/preload/   (the sandboxed preload: one self-contained CommonJS file)
const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// Main keeps every npm package external: native better-sqlite3 and whatsapp-web.js load from node_modules.
const mainExternals = [...nodeBuiltins, 'electron', ...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
const isExternal = (id: string) => mainExternals.some((m) => id === m || id.startsWith(`${m}/`));

function rendererConfig(): UserConfig {
  return {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'dist/renderer'),
      emptyOutDir: true,
      sourcemap: false,
    },
  };
}

function mainConfig(): UserConfig {
  return {
    build: {
      outDir: resolve(root, 'dist/main'),
      emptyOutDir: true,
      ssr: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: {
          web: resolve(root, 'main/web/cli.ts'),
          electron: resolve(root, 'main/electron/main.ts'),
        },
        external: isExternal,
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  };
}

function preloadConfig(): UserConfig {
  return {
    build: {
      outDir: resolve(root, 'dist/preload'),
      emptyOutDir: true,
      ssr: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        // A sandboxed preload may require only 'electron' and a few built-ins: bundle everything else in.
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
    ssr: { noExternal: true },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'main') return mainConfig();
  if (mode === 'preload') return preloadConfig();
  return rendererConfig();
});
