/**
 * The page's languages without Svelte: the language list, picking the first language from a saved
 * choice or the browser's (`navigator.language`), filling `{name}` placeholders, and translators over
 * a catalogue. English is bundled; other catalogues are loaded on demand so the first load stays small.
 */
import { en, type MessageKey, type Messages } from './en';

export { en, type MessageKey, type Messages };

/** Languages of the page. */
export type Lang = 'en' | 'zh-CN';

/** The languages offered, in the order the switch lists them, with their own names. */
export const LANGS: ReadonlyArray<{ lang: Lang; label: string }> = [
  { lang: 'en', label: 'English' },
  { lang: 'zh-CN', label: '简体中文' },
];

/** localStorage key of the learner's choice. */
export const LANG_KEY = 'kubelab.lang';

/** Parameters of a message. */
export type Params = Record<string, string | number>;

/** A translator: the message of `key` with its placeholders filled. */
export type Translate = (key: MessageKey, params?: Params) => string;

/** A supported language from a BCP 47 tag (`zh`, `zh-CN`, `zh-Hans-CN` → zh-CN; anything else → undefined). */
export function parseLang(tag: string | null | undefined): Lang | undefined {
  if (!tag) return undefined;
  const t = tag.toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  // Simplified Chinese; Traditional (zh-TW, zh-HK, zh-Hant) readers still get zh-CN rather than English.
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  return undefined;
}

/** The language to start with: the saved choice, else the first supported browser language, else English. */
export function initialLang(saved: string | null | undefined, browser: readonly string[]): Lang {
  if (saved === 'en' || saved === 'zh-CN') return saved;
  for (const b of browser) {
    const l = parseLang(b);
    if (l) return l;
  }
  return 'en';
}

/** Fills `{name}` placeholders; unknown placeholders are left as written. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m,
  );
}

/** A translator over a catalogue (falls back to English for a key the catalogue lacks). */
export function translator(messages: Partial<Messages>): Translate {
  return (key, params) => format(messages[key] ?? en[key], params);
}

/** English, for code that runs before (or without) the page's language state. */
export const tEn: Translate = translator(en);

/** Loads the catalogue of a language (zh-CN is a separate chunk). */
export async function loadMessages(lang: Lang): Promise<Messages> {
  if (lang === 'zh-CN') return (await import('./zh-CN')).zhCN;
  return en;
}
