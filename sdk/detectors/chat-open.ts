import { afterCall } from '../after-call.js';
import { guard } from '../guard.js';
import type { Emit, Touch } from '../types.js';

/** `data-tp="chat"` on whatever opens a site's own chat. */
export const chatOpen = (el: HTMLElement): Touch | false => el.dataset.tp == 'chat' && ['chat_open', { widget: 'custom' }];

// Widget APIs are untyped globals; each adapter hooks the widget's own "opened" signal.
type Hook = (api: any, open: () => void, w: any) => unknown;

/**
 * [global that shows the widget is on the page, hook]. Callback properties are chained with
 * afterCall: the site's own handler still runs, then the event is sent (open is a guarded emit).
 */
export const CHAT_WIDGETS: [string, Hook][] = [
  ['jivo_api', (_, open, w) => afterCall(w, 'jivo_onOpen', open)],
  ['Tawk_API', (api, open) => afterCall(api, 'onChatMaximized', open)],
  ['Intercom', (api, open) => api('onShow', open)],
  ['$crisp', (api, open) => api.push(['on', 'chat:opened', open])],
  ['LiveChatWidget', (api, open) => api.on('visibility_changed', (d: any) => d?.visibility == 'maximized' && open())],
  ['drift', (api, open) => api.on('chatOpen', open)],
];

/**
 * Hooks every known chat widget whose global exists. Widgets load after the SDK as often as
 * before it, so this looks again every 2 s for 30 s; each widget is hooked once.
 */
export const watchChatWidgets = (emit: Emit, w: any = window, tries = 15): void => {
  let waiting = CHAT_WIDGETS;
  const look = guard(() => {
    // Hooked one by one, each guarded: a widget API that throws must not keep the others unhooked.
    // The widget name sent: its global in lower case without `$`, `_api` or `widget` (Tawk_API → tawk).
    waiting = waiting.filter(
      ([global, hook]) =>
        !w[global] || guard(hook)(w[global], () => emit('chat_open', { widget: global.toLowerCase().replace(/\W|_.*|widget/g, '') }), w),
    );
    tries-- && setTimeout(look, 2e3);
  });
  look();
};
