import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// main → out/main/index.js (CommonJS); preload → out/preload/index.js (the profile window) and
// out/preload/mfa.js (the MFA prompt), each one self-contained CommonJS file as a sandboxed preload
// requires (isolatedEntries: no shared chunks to require); renderer → out/renderer/{index,mfa}.html,
// served through the app:// protocol, never file://.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(__dirname, 'main/index.ts'), formats: ['cjs'] },
      rollupOptions: { external: ['electron', 'keytar'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts'), mfa: resolve(__dirname, 'preload/mfa.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      emptyOutDir: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html'), mfa: resolve(__dirname, 'renderer/mfa.html') } },
    },
  },
});
