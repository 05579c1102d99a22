import { afterCall } from '../after-call.js';
import { guard, on } from '../guard.js';
import type { Touch, Track } from '../types.js';

/** `data-tp="chat"` on whatever opens a site's own chat. */
export const chatOpen = (el: HTMLElement): Touch | false =>
  el.dataset.tp == 'chat' && ['chat_open', { widget: 'custom' }];

/**
 * Globals that show a known chat widget is on the page. Only the names are in t.js: the hooks are
 * in the chat chunk (sdk/chat-widgets.ts), which most pages, having none of these, never load.
 * Jivo is not among them: t.js claims its callback itself (see watchChatWidgets).
 */
export type ChatGlobal = 'Tawk_API' | 'Intercom' | '$crisp' | 'LiveChatWidget' | 'drift';
export const CHAT_GLOBALS: ChatGlobal[] = ['Tawk_API', 'Intercom', '$crisp', 'LiveChatWidget', 'drift'];

/**
 * Widgets load after the SDK as often as before it, so this looks for their globals at once, on
 * the visitor's first clicks and keys (a launcher being pressed), and every 2 s for 30 s. The first
 * look that finds one calls `load` (the chat chunk, which hooks the widgets, reads whether a chat
 * is already open, and goes on looking for later ones itself).
 *
 * Jivo calls the page's global `jivo_onOpen` whenever its chat opens, looked up at that moment, and
 * has no "is it open" API to ask later, so t.js claims that callback as soon as it runs (the page's
 * own function still runs first), and claims it again at each look if a later script replaced it.
 * A page that chains to the replaced claim runs both wrappers in one task: counted once.
 */
export const watchChatWidgets = (load: () => unknown, track: Track, w: any = window, tries = 15): void => {
  let found = false;
  // Our wrapper of jivo_onOpen, as last installed.
  let claim: unknown;
  // Set while one task's opens are being counted (both wrappers of a chained claim run in it).
  let counting = false;
  const open = () => {
    if (counting) return;
    counting = true;
    setTimeout(() => (counting = false));
    track('chat_open', { widget: 'jivo' });
  };
  const claimJivo = guard(() => {
    afterCall(w, 'jivo_onOpen', guard(open));
    claim = w.jivo_onOpen;
  });
  const look = guard(() => {
    if (w.jivo_onOpen !== claim) claimJivo();
    if (!found && CHAT_GLOBALS.some((global) => w[global])) {
      found = true;
      load();
    }
  });
  const tick = () => {
    look();
    if (tries--) setTimeout(tick, 2_000);
  };
  claimJivo();
  on('pointerdown keydown', look);
  tick();
};
