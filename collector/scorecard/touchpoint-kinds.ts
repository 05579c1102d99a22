import type { TouchpointKind } from '../reports/types';

/** Form events: together they make one row per form (its `form` prop), met by any of them. */
export const FORM_EVENTS: readonly string[] = ['form_start', 'form_submit', 'form_abandon', 'form_invalid'];

/** Web events that judge the page they happened on: they count in its row, never as rows of their own. */
export const PAGE_SIGNALS: readonly string[] = ['not_found', 'web_vital', 'rage_click', 'dead_click'];

/** Web events no visitor meets: time on page, id links, delivery losses. */
export const TECHNICAL_NAMES: readonly string[] = ['engagement', 'identify', 'queue_dropped'];

const KIND_OF: Record<string, TouchpointKind> = {
  callback_request: 'callback',
  call_click: 'call',
  chat_open: 'chat',
  email_click: 'contact',
  messenger_click: 'contact',
  review_submit: 'review',
};

/** The kind of a touchpoint row named by its event (pages and forms are rows of their own kinds). */
export const kindOfName = (name: string): TouchpointKind => KIND_OF[name] ?? 'other';

/** How a web event name takes part in the scorecard. */
export function webRoleOf(name: string): 'page' | 'form' | 'signal' | 'technical' | 'touchpoint' {
  if (name === 'pageview') return 'page';
  if (FORM_EVENTS.includes(name)) return 'form';
  if (PAGE_SIGNALS.includes(name)) return 'signal';
  if (TECHNICAL_NAMES.includes(name)) return 'technical';
  return 'touchpoint';
}

/** Row keys: one namespace for names, pages and forms. */
export const pageKey = (path: string): string => `page:${path}`;
export const formKey = (form: string): string => `form:${form}`;
