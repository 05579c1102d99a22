import { afterCall } from './after-call.js';
import type { ChatGlobal } from './detectors/chat-open.js';
import { guard } from './guard.js';
import type { Props } from './types.js';

// Widget APIs are untyped globals. Per widget: how to hook its own "opened" signal, and, where its
// public API has one, how to ask whether its chat is open now.
type Hook = (api: any, open: () => void) => unknown;
type IsOpen = (api: any) => unknown;

/**
 * Per global that t.js looks for (CHAT_GLOBALS: the type makes both name the same widgets). Callback
 * properties are chained with afterCall: the site's own handler still runs, then the event is sent.
 * Jivo is claimed by t.js itself (detectors/chat-open.ts). Intercom and Drift have no public
 * "is it open" call.
 */
export const CHAT_WIDGETS: Record<ChatGlobal, [Hook, IsOpen?]> = {
  Tawk_API: [(api, open) => afterCall(api, 'onChatMaximized', open), (api) => api.isChatMaximized()],
  Intercom: [(api, open) => api('onShow', open)],
  // `is` exists once Crisp has loaded; before that $crisp is its snippet's queue and this throws.
  $crisp: [(api, open) => api.push(['on', 'chat:opened', open]), (api) => api.is('chat:opened')],
  // Getters throw until LiveChat has loaded.
  LiveChatWidget: [
    (api, open) => api.on('visibility_changed', (d: any) => d?.visibility == 'maximized' && open()),
    (api) => api.get('state').visibility == 'maximized',
  ],
  drift: [(api, open) => api.on('chatOpen', open)],
};

/**
 * The chat chunk's work: hooks every known widget whose global exists, then looks again every 2 s
 * for 30 s (from its own start) for widgets that load later; each widget is hooked once. An open
 * becomes `track('chat_open', { widget })`.
 *
 * The chunk arrives a moment after t.js found the widget, so a visitor may have opened the chat
 * from its launcher meanwhile: right after hooking, a chat the widget says is open counts as one
 * open, unless the widget already reported it to the new hook. Only once the visitor has used the
 * page (`navigator.userActivation`; a click in a widget's frame counts too): a chat the widget
 * reopened by itself on a new page (it remembers being open) is not a new open.
 */
export const hookChatWidgets = (
  track: (name: string, props: Props) => void,
  w: any = window,
  tries = 15,
): void => {
  let waiting = Object.entries(CHAT_WIDGETS) as [ChatGlobal, [Hook, IsOpen?]][];
  const look = guard(() => {
    // Hooked one by one, each guarded: a widget API that throws must not keep the others unhooked.
    waiting = waiting.filter(([global, [hook, isOpen]]) => {
      const api = w[global];
      if (!api) return true;
      let opened = 0;
      // The widget name sent: its global in lower case without `$`, `_api` or `widget` (Tawk_API → tawk).
      const open = guard(() => {
        opened = 1;
        track('chat_open', { widget: global.toLowerCase().replace(/\W|_.*|widget/g, '') });
      });
      guard(hook)(api, open);
      // Browsers without userActivation count such a chat: better one extra than every early one lost.
      if (!opened && (w.navigator?.userActivation?.hasBeenActive ?? true))
        guard(() => isOpen?.(api) && open())();
      return false;
    });
    if (waiting[0] && tries--) setTimeout(look, 2_000);
  });
  look();
};
