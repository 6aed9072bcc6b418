import { describe, expect, it } from 'vitest';
import { catalogues, createTranslator, LOCALES } from '../../../i18n';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const en = catalogues.en;

  it('every catalogue has exactly the English keys', () => {
    for (const locale of LOCALES) expect(Object.keys(catalogues[locale]).sort()).toEqual(Object.keys(en).sort());
  });

  it('no message is empty, and each uses the same placeholders as English', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(catalogues[locale])) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(en[key]!));
      }
    }
  });

  it('the Chinese catalogue uses the console glossary, not near-synonyms', () => {
    const zh = Object.values(catalogues['zh-CN']).join('\n');
    for (const wrong of ['帐户', '账户', '帐号', '访问秘钥', '代理']) expect(zh).not.toContain(wrong);
    expect(zh).toContain('安全令牌');
    expect(zh).toContain('临时访问密钥');
    expect(zh).toContain('账号');
  });

  it('plural stems resolve through the translator', () => {
    expect(createTranslator('en').t('tray.alarm.more', { count: 1 })).toBe('1 more alarm…');
    expect(createTranslator('en').t('tray.alarm.more', { count: 4 })).toBe('4 more alarms…');
    expect(createTranslator('zh-CN').t('tray.alarm.more', { count: 4 })).toBe('另有 4 个告警…');
  });
});
