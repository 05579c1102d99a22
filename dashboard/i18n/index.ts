import { en, type Message, type MessageKey } from './en';
import { ru } from './ru';

export type { MessageKey } from './en';

/** The interface languages, each named in itself (how the switch lists them). */
export const LANGS = { en: 'English', ru: 'Русский' } as const;
export type Lang = keyof typeof LANGS;

const TABLES: Record<Lang, Readonly<Record<MessageKey, Message>>> = { en, ru };
const STORAGE_KEY = 'tp-lang';

let current: Lang = 'en';
let numbers = 'en';

export const isLang = (x: unknown): x is Lang => typeof x === 'string' && Object.hasOwn(LANGS, x);

/** The language a stored choice or, without one, the browser's preferred languages ask for. */
export function pickLang(stored: string | null, browser: readonly string[]): Lang {
  if (isLang(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

/**
 * Reads the saved language (or the browser's) and the browser's locale. Dates, times and numbers
 * always follow the browser's locale (a German browser gets 24-hour times and dd.mm also in the
 * English interface); only words follow the interface language.
 */
export function initI18n(): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    /* storage blocked: fall back to the browser's language */
  }
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
  setLang(pickLang(stored, browser), false);
  setFormatLocale(browser[0] ?? 'en');
}

export function setLang(lang: Lang, remember = true): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  if (remember)
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      /* not remembered: the choice still holds for this page */
    }
}

export const lang = (): Lang => current;

/** The locale numbers and dates are written in (BCP 47); invalid tags fall back to English. */
export const formatLocale = (): string => numbers;
export function setFormatLocale(tag: string): void {
  try {
    numbers = Intl.NumberFormat.supportedLocalesOf([tag]).length ? tag : 'en';
  } catch {
    numbers = 'en';
  }
}

export type Vars = Record<string, string | number>;

/**
 * The interface text for `key` in the current language, with `{name}` placeholders filled in.
 * A plural message picks its form by `vars.n` (Russian has one / few / many). Numbers are written
 * in the browser's locale.
 */
export function t(key: MessageKey, vars?: Vars): string {
  return format(TABLES[current][key] ?? en[key], current, vars);
}

/** Like `t`, in a given language (tests, and the language switch's own label). */
export function tIn(lang: Lang, key: MessageKey, vars?: Vars): string {
  return format(TABLES[lang][key], lang, vars);
}

function format(message: Message, lang: Lang, vars?: Vars): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const n = Number(vars?.n ?? 0);
    const form = new Intl.PluralRules(lang).select(n) as keyof typeof message;
    text = message[form] ?? message.other;
  }
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(vars, name)) return whole;
    const v = vars[name]!;
    return typeof v === 'number' ? new Intl.NumberFormat(numbers).format(v) : v;
  });
}

/** Whether a key exists (touchpoint names are data; only known ones have a label). */
export const hasKey = (key: string): key is MessageKey => Object.hasOwn(en, key);
