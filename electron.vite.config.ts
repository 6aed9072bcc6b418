import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// main → out/main/index.js (CommonJS), preload → out/preload/index.js (one CommonJS file, as a sandboxed
// preload requires), renderer → out/renderer/ (served through the app:// protocol, never file://).
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
      lib: { entry: resolve(__dirname, 'preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'index.js', codeSplitting: false } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      emptyOutDir: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
