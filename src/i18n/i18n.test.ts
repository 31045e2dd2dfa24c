import { describe, it, expect } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';
import { format, initialLang, parseLang, translator, loadMessages, type Lang } from './i18n';

const placeholders = (s: string) =>
  [...s.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1].toLowerCase())
    .sort()
    .join(',');

describe('parseLang', () => {
  it.each<[string | undefined, Lang | undefined]>([
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['de-DE', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (tag, lang) => expect(parseLang(tag)).toBe(lang));
});

describe('initialLang', () => {
  it.each<[string | null, string[], Lang]>([
    ['zh-CN', ['en-US'], 'zh-CN'],
    ['en', ['zh-CN'], 'en'],
    [null, ['zh-CN', 'en'], 'zh-CN'],
    [null, ['de', 'zh-Hans'], 'zh-CN'],
    [null, ['de', 'fr'], 'en'],
    ['klingon', ['en-US'], 'en'],
    [null, [], 'en'],
  ])('saved %s, browser %j → %s', (saved, browser, lang) => expect(initialLang(saved, browser)).toBe(lang));
});

describe('format', () => {
  it.each<[string, Record<string, string | number> | undefined, string]>([
    ['{n} queued', { n: 3 }, '3 queued'],
    ['{a}{b}{a}', { a: 'x', b: '' }, 'xx'],
    ['{missing} stays', {}, '{missing} stays'],
    ['no params', undefined, 'no params'],
    ['{n} 条排队中', { n: 0 }, '0 条排队中'],
  ])('%s', (tpl, params, out) => expect(format(tpl, params)).toBe(out));
});

describe('catalogues', () => {
  it('zh-CN has exactly the English keys, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries(zhCN).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('zh-CN uses the same placeholders as English (case aside)', () => {
    const differ = Object.keys(en).filter(
      (k) => placeholders(en[k as keyof typeof en]) !== placeholders(zhCN[k as keyof typeof en]),
    );
    expect(differ).toEqual([]);
  });

  it('zh-CN is translated (only names and symbols are kept as in English)', () => {
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === zhCN[k as keyof typeof en]);
    expect(same.sort()).toEqual(
      ['controls.cpu', 'hop.etcd', 'inspector.yaml', 'narrate.etcd', 'narrate.named', 'tab.etcd'].sort(),
    );
  });

  it('translates with parameters, falling back to English for a missing key', async () => {
    const t = translator(await loadMessages('zh-CN'));
    expect(t('time.queued', { n: 2 })).toBe('2 条排队中');
    expect(t('tab.lessons')).toBe('课程');
    const partial = translator({ 'time.pause': '暂停' });
    expect(partial('time.play')).toBe('Play');
    expect(partial('time.pause')).toBe('暂停');
    expect(translator(await loadMessages('en'))('controls.created', { name: 'n1' })).toBe('node/n1 created');
  });
});
