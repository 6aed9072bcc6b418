/**
 * The visible-string check: fails when a user-visible string in the renderer or the tray/notification/
 * prompt code is not from the catalogue, or a `t('key')` names a key the catalogue lacks. (Key parity
 * between the catalogues and the glossary terms: catalogues.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import en from '../../../i18n/messages/en.json';
import { createTranslator, matchLocale } from '../../../i18n';
import { scanFile } from '../../support/i18n-scan';

const root = path.resolve(__dirname, '../../..');

function files(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e);
    if (statSync(full).isDirectory()) out.push(...files(full, exts));
    else if (exts.some((x) => e.endsWith(x)) && !e.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Everything a person sees: the window and browser UI, and main's tray, notification and prompt code. */
const visibleSources = [
  ...files(path.join(root, 'renderer/src'), ['.tsx', '.ts']),
  ...files(path.join(root, 'main/electron'), ['.ts']).filter((f) => /tray|notif|mfa|prompt|menu|dialog/.test(path.basename(f))),
];

/** i18next plural forms: `key_one`, `key_other` … are used as `key`. */
const baseKeys = new Set(Object.keys(en).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));

describe('visible strings', () => {
  it('scans the visible sources (the check is really looking)', () => {
    expect(visibleSources.length).toBeGreaterThan(0);
  });

  it.each(visibleSources.map((f) => [path.relative(root, f), f]))('%s: no user-visible literal outside the catalogue, every key exists', (_rel, file) => {
    const { findings, keys } = scanFile(file);
    expect(findings.map((f) => `${f.line}: ${f.text}`)).toEqual([]);
    const missing = keys.filter((k) => !baseKeys.has(k.key) && !(k.key in en)).map((k) => `${k.line}: ${k.key}`);
    expect(missing).toEqual([]);
  });

  it('follows the OS locale and formats times for it', () => {
    expect(matchLocale(['zh_CN.UTF-8'])).toBe('zh-CN');
    expect(matchLocale(['zh-Hans-CN'])).toBe('zh-CN');
    expect(matchLocale(['zh-TW'])).toBe('en');
    expect(matchLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(matchLocale([undefined, 'fr'])).toBe('en');
    const zh = createTranslator('zh-CN');
    const enT = createTranslator('en');
    expect(zh.duration(65 * 60_000)).toBe('1 小时 5 分钟');
    expect(enT.duration(65 * 60_000)).toBe('1 h 5 min');
    expect(enT.duration(5 * 60_000)).toBe('5 min');
    expect(zh.relative(-3 * 60_000)).toMatch(/分钟前/);
  });
});
