import { h } from './dom';
import { hasKey, type MessageKey, t } from './i18n';

/**
 * The touchpoints the SDK and the server API emit (DESIGN.md's table), each with a plain-language
 * name in the interface's language (`tp.<name>` in i18n/), so a marketer reads "Callback
 * requested" instead of `callback_request`. Custom event names have no entry and are shown as they are.
 */
export const KNOWN_TOUCHPOINTS = [
  'pageview',
  'call_click',
  'email_click',
  'messenger_click',
  'callback_request',
  'chat_open',
  'form_start',
  'form_submit',
  'form_abandon',
  'form_invalid',
  'rage_click',
  'dead_click',
  'review_submit',
  'file_download',
  'outbound_click',
  'not_found',
  'contact_copy',
  'engagement',
  'web_vital',
  'site_search',
  'identify',
  'call_answered',
  'callback_made',
  'meeting',
  'deal_won',
] as const;

/** Measurements and bookkeeping, never a goal or a funnel step a marketer would pick by name. */
const TECHNICAL = new Set(['engagement', 'web_vital', 'identify']);

// `hasKey` is an own-property check: an event may be named `constructor` or `__proto__`.
const keyOf = (name: string): MessageKey | null => {
  const key = `tp.${name}`;
  return hasKey(key) ? key : null;
};

export const touchpointLabel = (name: string): string => {
  const key = keyOf(name);
  return key ? t(key) : name;
};

/** "Callback requested (callback_request)" for a known name, else the name itself. */
export const touchpointTitle = (name: string): string => {
  const key = keyOf(name);
  return key ? `${t(key)} (${name})` : name;
};

/**
 * A technical name that wraps only between its parts (`callback_` `request`, `/blog/` `post`),
 * never in the middle of a word.
 */
export function codeText(text: string, className = 'tp-code'): HTMLElement {
  const el = h('code', { class: className });
  for (const part of text.split(/(?<=[_/.\-?&=])/)) {
    if (el.childNodes.length) el.appendChild(document.createElement('wbr'));
    el.appendChild(document.createTextNode(part));
  }
  return el;
}

/** A table cell: the plain label, with the raw name underneath in small code text. */
export function touchpointCell(name: string): Node {
  const key = keyOf(name);
  if (!key) return document.createTextNode(name);
  return h('span', { class: 'tp-name' }, t(key), codeText(name));
}

/**
 * Touchpoints a goal or a funnel step can be made of: the known ones (by their plain name) and
 * every other name the site has sent, known ones first.
 */
export function pickableTouchpoints(seen: readonly string[]): { name: string; label: string }[] {
  const known = KNOWN_TOUCHPOINTS.filter((n) => n !== 'pageview' && !TECHNICAL.has(n)) as string[];
  const custom = seen.filter((n) => !keyOf(n) && !TECHNICAL.has(n));
  return [
    ...known.map((name) => ({ name, label: touchpointLabel(name) })),
    ...custom.sort().map((name) => ({ name, label: name })),
  ];
}

/**
 * The event name a typed text means: a raw name, a plain name in any case ("form sent"), or a
 * title as the picker shows it ("Form sent (form_submit)").
 */
export function touchpointFromText(text: string): string {
  const s = text.trim();
  const titled = /\(([^()]+)\)$/.exec(s)?.[1];
  if (titled && keyOf(titled)) return titled;
  const lower = s.toLowerCase();
  return KNOWN_TOUCHPOINTS.find((n) => touchpointLabel(n).toLowerCase() === lower) ?? s;
}
