// Lint, including the layering rules that keep the product's heart runnable in plain Node:
// - main/core/ never imports electron, preload/ or renderer/ (it runs in the CLI, `akvault serve` and tests);
// - renderer/ imports no Node built-ins and nothing under main/ (it talks to main only through the contract);
// - preload/ imports nothing under main/ or renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // CommonJS launchers (the bin shim) load the bundled CLI with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/core/ must stay Electron-free: put Electron code in main/electron/.' }],
          patterns: [
            { group: ['electron/*'], message: 'main/core/ must stay Electron-free.' },
            { group: ['**/renderer/**', '**/preload/**'], message: 'main/core/ must not import the renderer or preload.' },
            { group: ['**/electron/**', '**/cli/**', '**/web/**'], message: 'main/core/ must not import its own front ends.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches main only through window.akvault (preload/contract.ts).' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node built-ins.' })),
          ],
          patterns: [{ group: ['**/main/**'], message: 'The renderer must not import main/: use the contract.' }],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'preload/ holds the contract and the bridge only.' }] },
      ],
    },
  },
);
