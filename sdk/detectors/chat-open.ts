import { guard } from '../guard.js';
import type { Emit, Touch } from '../types.js';

/** `data-tp="chat"` on whatever opens a site's own chat. */
export const chatOpen = (el: Element): Touch | false =>
  el.getAttribute('data-tp') == 'chat' && ['chat_open', { widget: 'custom' }];

// Widget APIs are untyped globals; each adapter hooks the widget's own "opened" signal.
type Hook = (api: any, open: () => void, w: any) => void;

/** Chains a callback property without losing the site's own handler. */
const chain = (obj: any, prop: string, open: () => void) => {
  const prev = obj[prop];
  obj[prop] = function (this: unknown, ...args: unknown[]) {
    open();
    return prev?.apply(this, args);
  };
};

/** [global that shows the widget is on the page, widget name, hook]. */
export const CHAT_WIDGETS: [string, string, Hook][] = [
  ['jivo_api', 'jivo', (_, open, w) => chain(w, 'jivo_onOpen', open)],
  ['Tawk_API', 'tawk', (api, open) => chain(api, 'onChatMaximized', open)],
  ['Intercom', 'intercom', (api, open) => api('onShow', open)],
  ['$crisp', 'crisp', (api, open) => api.push(['on', 'chat:opened', open])],
  ['LiveChatWidget', 'livechat', (api, open) => api.on('visibility_changed', (d: any) => d?.visibility == 'maximized' && open())],
  ['drift', 'drift', (api, open) => api.on('chatOpen', open)],
];

/**
 * Hooks every known chat widget whose global exists. Widgets load after the SDK as often as
 * before it, so this looks again every 2 s for 30 s; each widget is hooked once.
 */
export const watchChatWidgets = (emit: Emit, w: any = window, tries = 15): void => {
  const hooked: Record<string, 1> = {};
  const look = guard(() => {
    for (const [global, widget, hook] of CHAT_WIDGETS) {
      if (w[global] && !hooked[widget]) {
        hooked[widget] = 1;
        // Guarded one by one: a widget API that throws must not keep the others unhooked.
        guard(hook)(w[global], guard(() => emit('chat_open', { widget })), w);
      }
    }
    if (tries--) setTimeout(look, 2e3);
  });
  look();
};
