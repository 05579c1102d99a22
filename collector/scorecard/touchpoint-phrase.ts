import type { TouchpointKind } from '../reports/types';

const PHRASES: Record<string, string> = {
  callback_request: 'requested a callback',
  call_click: 'clicked the phone number',
  email_click: 'clicked the e-mail address',
  messenger_click: 'clicked a messenger link',
  chat_open: 'opened the chat',
  review_submit: 'left a review',
  file_download: 'downloaded a file',
  outbound_click: 'followed a link to another site',
  contact_copy: 'copied a phone number or e-mail',
  site_search: 'searched the site',
};

/** What a visitor did to meet a touchpoint, to follow "visitors who …". */
export function touchpointPhrase(kind: TouchpointKind, name: string, label: string): string {
  if (kind === 'page') return `viewed ${label}`;
  if (kind === 'form') return `started the form “${label}”`;
  return PHRASES[name] ?? `did “${name}”`;
}
