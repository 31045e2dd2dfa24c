/**
 * The page's language as Svelte state: the current language and its catalogue, kept in localStorage
 * (`kubelab.lang`), first taken from the browser's languages. `t(key, params)` reads the state, so
 * markup that calls it re-renders when the language changes. Also sets `<html lang>`.
 */
import {
  en,
  format,
  initialLang,
  LANG_KEY,
  loadMessages,
  type Lang,
  type Messages,
  type Translate,
} from './i18n';

/** The language state. */
export class LangState {
  lang = $state<Lang>('en');
  messages = $state.raw<Messages>(en);
  /** Resolves when the catalogue of the current language is loaded. */
  ready: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = safeStorage()) {
    let saved: string | null;
    try {
      saved = storage?.getItem(LANG_KEY) ?? null;
    } catch {
      saved = null;
    }
    const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
    const l = initialLang(saved, browser);
    if (l !== 'en') this.ready = this.apply(l);
    else this.setDocumentLang('en');
  }

  /** Switches the language (saved for the next visit); resolves once its catalogue is shown. */
  set(lang: Lang): Promise<void> {
    try {
      this.storage?.setItem(LANG_KEY, lang);
    } catch {
      // storage unavailable: the choice lasts for this page only
    }
    this.ready = this.apply(lang);
    return this.ready;
  }

  /** A translator for the current language (reactive where it is read). */
  readonly t: Translate = (key, params) => format(this.messages[key] ?? en[key], params);

  private async apply(lang: Lang): Promise<void> {
    const n = ++this.seq;
    const m = await loadMessages(lang);
    if (n !== this.seq) return;
    this.messages = m;
    this.lang = lang;
    this.setDocumentLang(lang);
  }

  private setDocumentLang(lang: Lang): void {
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The page's language. */
export const i18n = new LangState();

/** The message of `key` in the page's language, placeholders filled. */
export const t: Translate = (key, params) => i18n.t(key, params);
