import { h } from './dom';

/**
 * Plain-language names for the touchpoints the SDK and the server API emit (DESIGN.md's table),
 * so a marketer reads "Callback requested" instead of `callback_request`. Custom event names
 * have no entry and are shown as they are.
 */
export const TOUCHPOINT_LABELS: Readonly<Record<string, string>> = {
  pageview: 'Page viewed',
  call_click: 'Phone number clicked',
  email_click: 'E-mail address clicked',
  messenger_click: 'Messenger link clicked',
  callback_request: 'Callback requested',
  chat_open: 'Chat opened',
  form_start: 'Form started',
  form_submit: 'Form sent',
  form_abandon: 'Form abandoned',
  review_submit: 'Review left',
  file_download: 'File downloaded',
  outbound_click: 'Link to another site clicked',
  not_found: 'Page not found (404)',
  contact_copy: 'Phone or e-mail copied',
  engagement: 'Time on page',
  web_vital: 'Page speed measured',
  site_search: 'Site search',
  identify: 'Lead identified',
  call_answered: 'Call answered',
  callback_made: 'Called back',
  meeting: 'Meeting',
  deal_won: 'Deal won',
};

// `hasOwn`, not `in`: an event may be named `constructor` or `__proto__`.
export const touchpointLabel = (name: string): string =>
  Object.hasOwn(TOUCHPOINT_LABELS, name) ? TOUCHPOINT_LABELS[name]! : name;

/** "Callback requested (callback_request)" for a known name, else the name itself. */
export const touchpointTitle = (name: string): string =>
  Object.hasOwn(TOUCHPOINT_LABELS, name) ? `${TOUCHPOINT_LABELS[name]} (${name})` : name;

/** A table cell: the plain label, with the raw name underneath in small code text. */
export function touchpointCell(name: string): Node {
  if (!Object.hasOwn(TOUCHPOINT_LABELS, name)) return document.createTextNode(name);
  return h('span', { class: 'tp-name' }, TOUCHPOINT_LABELS[name]!, h('code', { class: 'tp-code' }, name));
}
