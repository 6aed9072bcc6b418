#!/usr/bin/env node
// The whole test suite, in order: typecheck, lint, build, unit, integration (real Secret Service),
// browser (Debian Chromium), Electron end-to-end (only where a binary is present). Every stage runs even
// when an earlier one failed (except those that need the build), and the last line sums them all:
//   N passed, N failed, N skipped
// Gates (typecheck, lint, build) count as one check each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.env.AKVAULT_TEST_STAGES?.split(',').map((s) => s.trim());

const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(cmd, args, env = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: r.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function record(stage, counts, seconds) {
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  lines.push(`${stage.padEnd(12)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds}s)`);
}

function gate(stage, cmd, args) {
  if (only && !only.includes(stage)) return true;
  console.log(`\n=== ${stage}`);
  const r = run(cmd, args);
  record(stage, { passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, skipped: 0 }, r.seconds);
  return r.ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function vitestStage(stage, project, wrapper = [], env = {}) {
  if (only && !only.includes(stage)) return;
  console.log(`\n=== ${stage}`);
  const out = path.join(results, `${stage}.json`);
  rmSync(out, { force: true });
  const args = ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  const r = wrapper.length ? run(wrapper[0], [...wrapper.slice(1), bin('vitest'), ...args], env) : run(bin('vitest'), args, env);
  const j = readJson(out);
  if (!j) return record(stage, { passed: 0, failed: 1, skipped: 0 }, r.seconds);
  const counts = { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + (j.numTodoTests ?? 0) };
  // A file that fails to load has no tests but fails the run: count it.
  if (!r.ok && counts.failed === 0) counts.failed = Math.max(1, j.numFailedTestSuites ?? 1);
  record(stage, counts, r.seconds);
}

function playwrightStage(stage, config, wrapper = []) {
  if (only && !only.includes(stage)) return;
  console.log(`\n=== ${stage}`);
  const out = path.join(results, `${stage}.json`);
  rmSync(out, { force: true });
  const args = ['test', '-c', config, '--reporter=list,json'];
  const env = { PLAYWRIGHT_JSON_OUTPUT_NAME: out, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  const r = wrapper.length
    ? run(wrapper[0], [...wrapper.slice(1), bin('playwright'), ...args], env)
    : run(bin('playwright'), args, env);
  const j = readJson(out);
  if (!j?.stats) return record(stage, { passed: 0, failed: 1, skipped: 0 }, r.seconds);
  const s = j.stats;
  const counts = { passed: s.expected + (s.flaky ?? 0), failed: s.unexpected, skipped: s.skipped };
  if (!r.ok && counts.failed === 0) counts.failed = 1;
  record(stage, counts, r.seconds);
}

const keyring = [path.join(root, 'build/scripts/with-keyring.sh')];

gate('typecheck', bin('tsc'), ['-p', 'tsconfig.json']);
gate('typecheck-ui', bin('tsc'), ['-p', 'tsconfig.web.json']);
gate('typecheck-tests', bin('tsc'), ['-p', 'test/browser/tsconfig.json']);
gate('lint', bin('eslint'), ['.', '--max-warnings=0']);
const buildOk = gate('build', 'npm', ['run', '--silent', 'build']);
vitestStage('unit', 'unit');
// The unit suite again with the clock a year ahead and a month back: a test that compares the real clock with
// a literal date fails here long before that date passes. Monotonic time stays real (timers, timeouts), and a
// preload shifts the file times stat reports by the same offset (lock staleness compares mtime with now).
const faketime = spawnSync('sh', ['-c', 'command -v faketime'], { encoding: 'utf8' }).stdout.trim();
for (const shift of ['+400d', '-30d']) {
  const stage = `unit${shift}`;
  if (only?.includes('unit-shifted')) only.push(stage);
  if (only && !only.includes(stage)) continue;
  if (!faketime) {
    console.log(`\n=== ${stage}\nskipped: faketime is not installed (Debian package faketime)`);
    record(stage, { passed: 0, failed: 0, skipped: 1 }, '0.0');
    continue;
  }
  const preload = path.join(root, 'build/scripts/faketime-stat-shift.cjs');
  const env = {
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(),
  };
  vitestStage(stage, 'unit', [faketime, '-f', shift], env);
}
if (buildOk) {
  vitestStage('integration', 'integration', keyring);
  playwrightStage('browser', 'test/browser/playwright.config.ts', keyring);
} else {
  lines.push('integration  not run: the build failed');
  lines.push('browser      not run: the build failed');
}
/** The binary the electron package would use for ELECTRON_OVERRIDE_DIST_PATH (see test/e2e/electron-binary.ts). */
function electronBinary() {
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  if (!dist) return null;
  const pathTxt = path.join(dist, 'path.txt');
  const name = existsSync(pathTxt)
    ? readFileSync(pathTxt, 'utf8').trim()
    : { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ?? 'electron';
  const exe = path.join(dist, name);
  return existsSync(exe) ? exe : null;
}

if (!only || only.includes('electron')) {
  if (!electronBinary()) {
    // One line says why, and the stage counts as one skipped check in the summary.
    console.log('\n=== electron\nElectron end-to-end tests skipped: no Electron binary (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run them).');
    record('electron', { passed: 0, failed: 0, skipped: 1 }, '0.0');
    lines[lines.length - 1] += ' — no Electron binary (ELECTRON_OVERRIDE_DIST_PATH unset or empty)';
  } else if (!buildOk) {
    lines.push('electron     not run: the build failed');
  } else {
    playwrightStage('electron', 'test/e2e/playwright.config.ts', ['xvfb-run', '-a', ...keyring]);
  }
}

console.log('\n=== summary');
for (const l of lines) console.log(l);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);
