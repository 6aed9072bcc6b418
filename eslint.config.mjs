// Lint, including the layering rules for every folder (build/eslint/layers.mjs, proved by
// test/unit/build/layering.test.ts): main/core/ imports nothing above it; main/shared/ only core and the
// contract; the doorways main/electron/ and main/web/ only core, shared, the contract and i18n/ (never each
// other, never main/cli/); main/cli/ never Electron; the renderer only the contract and i18n/; preload/
// nothing of main/ or the renderer; i18n/ nothing but itself.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './build/eslint/layers.mjs';

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
    // One rule for every folder's imports: the table and the reasons live in build/eslint/layers.mjs.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'i18n/**/*.ts'],
    plugins: { akvault: layers },
    rules: { 'akvault/layers': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
