import { guard } from '../guard.js';
import type { Touch } from '../types.js';

/** `data-tp="chat"` on whatever opens a site's own chat. */
export const chatOpen = (el: HTMLElement): Touch | false => el.dataset.tp == 'chat' && ['chat_open', { widget: 'custom' }];

/**
 * Globals that show a known chat widget is on the page. Only the names are in t.js: the hooks are
 * in the chat chunk (sdk/chat-widgets.ts), which most pages, having none of these, never load.
 */
export type ChatGlobal = 'jivo_api' | 'Tawk_API' | 'Intercom' | '$crisp' | 'LiveChatWidget' | 'drift';
// Split at run time: 4 B gzip smaller in t.js than an array literal.
export const CHAT_GLOBALS = 'jivo_api Tawk_API Intercom $crisp LiveChatWidget drift'.split(' ') as ChatGlobal[];

/**
 * Widgets load after the SDK as often as before it, so this looks for their globals every 2 s for
 * 30 s. The first look that finds one calls `load` (the chat chunk, which hooks the widgets and
 * goes on looking for later ones itself) and stops.
 */
export const watchChatWidgets = (load: () => unknown, w: any = window, tries = 15): void => {
  const look = guard(() => {
    CHAT_GLOBALS.some((global) => w[global]) ? load() : tries-- && setTimeout(look, 2e3);
  });
  look();
};
