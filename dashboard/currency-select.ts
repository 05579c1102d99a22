import { h } from './dom';
import { lang } from './i18n';

/** The currencies the picker lists first: the ones a Touchpoint site most likely bills in. */
const COMMON = ['RUB', 'EUR', 'USD', 'KZT', 'BYN', 'UZS', 'GBP', 'TRY', 'CNY', 'AED'];

/** Every ISO 4217 code the browser knows, the common ones first (older browsers: just those). */
function codes(): string[] {
  let all: string[] = [];
  try {
    all = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('currency');
  } catch {
    /* no Intl.supportedValuesOf: the common list is enough */
  }
  return [...COMMON, ...all.filter((c) => !COMMON.includes(c))];
}

/** "RUB — Russian ruble" in the interface language; the code alone where the browser has no name. */
function currencyName(code: string): string {
  try {
    const name = new Intl.DisplayNames([lang()], { type: 'currency' }).of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  } catch {
    return code;
  }
}

/**
 * A select of currencies by code and name; `none` is the label of the empty choice (no currency).
 * A stored code the browser does not list is kept as a choice, so editing never loses it.
 */
export function currencySelect(attrs: { id: string; name: string }, value: string | null, none: string) {
  const list = codes();
  if (value && !list.includes(value)) list.unshift(value);
  const sel = h(
    'select',
    attrs,
    h('option', { value: '' }, none),
    list.map((c) => h('option', { value: c }, currencyName(c))),
  );
  sel.value = value ?? '';
  return sel;
}
