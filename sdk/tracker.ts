import { cleanUrl } from './clean-url.js';
import { watchClicks } from './clicks.js';
import { watchEngagement } from './detectors/engagement.js';
import { watchForms } from './detectors/forms.js';
import { watchPageviews } from './detectors/pageview.js';
import { guard, on } from './guard.js';
import { createQueue, type Queue } from './queue.js';
import { randomId } from './random-id.js';
import { localStore, type Store } from './store.js';
import { httpSend, type Send } from './transport.js';
import type { BeforeSend, Emit, Props } from './types.js';
import { customName, type WireProp } from './wire.js';
import { NAME_CHARS, PROP_KEY_CHARS, PROP_VALUE_CHARS, PROPS } from './wire-limits.js';

export interface Tracker {
  /** A custom touchpoint. */
  track(name: string, props?: Props): void;
  /**
   * Ties this visitor to a CRM lead id (an `identify` event). `signature`: the hex HMAC-SHA256 of
   * the lead id keyed with the site secret, made by the site's server; the collector links the lead
   * only with it, unless the site accepts unsigned identify.
   */
  identify(lead: string, signature?: string): void;
  /** true: a persistent random first-party id from now on; false: forget it (cookieless again). */
  consent(granted: boolean): void;
  beforeSend(hook: BeforeSend): void;
  /** Starts the automatic detectors (once the queued calls, like beforeSend, are applied); only the first call counts. */
  start(): void;
}

/** Global Privacy Control is not in TypeScript's DOM types yet. */
type Gpc = Navigator & { globalPrivacyControl?: boolean };

/** localStorage keys; document them when changing. */
export const OPT_OUT_KEY = 'tp_optout';
export const ID_KEY = 'tp_id';

/**
 * Props as the collector accepts them (sdk/wire-limits.js): the first PROPS, keys and strings cut
 * to their lengths, numbers only when finite, booleans. Anything else (NaN, Infinity, arrays,
 * objects) is left out here: the collector would refuse the whole batch, and the other events
 * in it with it.
 */
export const cleanProps = (props: Props): Record<string, WireProp> => {
  const out: Record<string, WireProp> = {};
  for (const [key, value] of Object.entries(props).slice(0, PROPS)) {
    const kept =
      typeof value == 'string'
        ? value.slice(0, PROP_VALUE_CHARS)
        : typeof value == 'boolean' || Number.isFinite(value)
          ? value
          : null;
    if (key && kept != null) out[key.slice(0, PROP_KEY_CHARS)] = kept;
  }
  return out;
};

/**
 * The SDK: turns detector findings and API calls into wire events and queues them. Does nothing
 * at all when the visitor opted out (localStorage `tp_optout` = "1") or, with `respectDnt`,
 * sends Do Not Track or Global Privacy Control. Positional parameters (not an options object):
 * t.js calls this once, and property names would be bytes in every visitor's download.
 * - `site`: site public id (`data-site`);
 * - `endpoint`: collector origin or path prefix; `''` posts to this page's own origin (a first-party proxy);
 * - `respectDnt`: honour Do Not Track and Global Privacy Control;
 * - `lazy`: starts what the entry loads lazily (the vitals chunk, the chat widget watcher, the interaction
 *   chunk's loader); called once the detectors run;
 * - `store`, `send`: injected by tests.
 */
export const createTracker = (
  site: string,
  endpoint = '',
  respectDnt?: boolean,
  lazy?: (() => unknown) | false,
  store: Store = localStore,
  send: Send = httpSend(`${endpoint}/api/collect`),
): Tracker => {
  let beforeSend: BeforeSend = (event) => event;
  // Kept in memory too, so consent works for this page even when localStorage is unavailable.
  let id = store(ID_KEY);
  let started = false;
  const optedOut =
    store(OPT_OUT_KEY) == '1' ||
    (respectDnt && (navigator.doNotTrack == '1' || (navigator as Gpc).globalPrivacyControl));
  // Opted out: no queue at all, so not even events saved before the opt-out are sent.
  const queue =
    !optedOut &&
    createQueue(send, store, () => ({ s: site, k: id || undefined, b: navigator.webdriver ? 1 : undefined }));

  // Only called once there is a queue (emit, start).
  const flushHidden = () => document.hidden && (queue as Queue).flush(true);
  // Guarded once here: detectors, widget callbacks and the page's own tp() calls land in it.
  const emit: Emit = guard((n: string, p?: Props, u = location.href, r?: string) => {
    const event =
      queue &&
      beforeSend({
        i: randomId(),
        n: n.slice(0, NAME_CHARS),
        u: cleanUrl(u),
        r: r ? cleanUrl(r) : undefined,
        p: p && cleanProps(p),
      });
    if (!event) return;
    queue.push(event);
    // Late events (engagement, vitals, abandons) arrive while the page is hidden: send them now.
    flushHidden();
  });

  return {
    track: (name, props) => emit(customName(name), props),
    // cleanProps leaves out an absent signature.
    identify: (lead, sig) => emit('identify', { lead: String(lead), sig }),
    consent(granted) {
      id = granted ? id || randomId() : null;
      store(ID_KEY, id);
    },
    beforeSend: (hook) => (beforeSend = hook),
    start() {
      if (!queue || started) return;
      started = true;
      const engaged = watchEngagement(emit);
      const abandoned = watchForms(emit);
      const leave = (leftUrl?: string) => {
        engaged(leftUrl);
        abandoned(leftUrl);
      };
      watchPageviews(emit, leave);
      watchClicks(emit);
      on('pagehide', () => {
        leave();
        queue.flush(true);
      });
      on('visibilitychange', flushHidden);
      // Events kept while offline go as soon as the network is back.
      on('online', () => queue.flush());
      if (lazy) lazy();
    },
  };
};
