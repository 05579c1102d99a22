import { afterCall } from './after-call.js';
import type { ChatGlobal } from './detectors/chat-open.js';
import { guard } from './guard.js';
import type { Props } from './types.js';

// Widget APIs are untyped globals; each adapter hooks the widget's own "opened" signal.
type Hook = (api: any, open: () => void, w: any) => unknown;

/**
 * Hook per global that t.js looks for (CHAT_GLOBALS: the type makes both name the same widgets). Callback
 * properties are chained with afterCall: the site's own handler still runs, then the event is sent.
 */
export const CHAT_WIDGETS: Record<ChatGlobal, Hook> = {
  jivo_api: (_, open, w) => afterCall(w, 'jivo_onOpen', open),
  Tawk_API: (api, open) => afterCall(api, 'onChatMaximized', open),
  Intercom: (api, open) => api('onShow', open),
  $crisp: (api, open) => api.push(['on', 'chat:opened', open]),
  LiveChatWidget: (api, open) => api.on('visibility_changed', (d: any) => d?.visibility == 'maximized' && open()),
  drift: (api, open) => api.on('chatOpen', open),
};

/**
 * The chat chunk's work: hooks every known widget whose global exists, then looks again every 2 s
 * for 30 s (from its own start) for widgets that load later; each widget is hooked once. An open
 * becomes `track('chat_open', { widget })`.
 */
export const hookChatWidgets = (track: (name: string, props: Props) => void, w: any = window, tries = 15): void => {
  let waiting = Object.entries(CHAT_WIDGETS);
  const look = guard(() => {
    // Hooked one by one, each guarded: a widget API that throws must not keep the others unhooked.
    // The widget name sent: its global in lower case without `$`, `_api` or `widget` (Tawk_API → tawk).
    waiting = waiting.filter(
      ([global, hook]) =>
        !w[global] || guard(hook)(w[global], guard(() => track('chat_open', { widget: global.toLowerCase().replace(/\W|_.*|widget/g, '') })), w),
    );
    waiting[0] && tries-- && setTimeout(look, 2e3);
  });
  look();
};
