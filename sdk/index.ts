import { watchChatWidgets } from './detectors/chat-open.js';
import { onFirstInteraction } from './first-interaction.js';
import { guard } from './guard.js';
import { createTracker, type Tracker } from './tracker.js';
import type { BeforeSend, Props } from './types.js';

export type { BeforeSend, Props } from './types.js';
export type { WireBatch, WireEvent, WireProp } from './wire.js';

export interface InitOptions {
  /** Site public id. */
  site: string;
  /** Collector origin or path prefix; `''` (the default) posts to this page's own origin (a first-party proxy). */
  endpoint?: string;
  /** Honour Do Not Track and Global Privacy Control. */
  respectDnt?: boolean;
  /** Changes an event before it is queued, or drops it by returning a falsy value. */
  beforeSend?: BeforeSend;
  /** Load the web-vitals chunk and report LCP, INP, CLS, FCP, TTFB as `web_vital` events. */
  vitals?: boolean;
}

type Command = Exclude<keyof Tracker, 'start'>;

let tracker: Tracker | undefined;
/** Calls made before init (at most 100, so a server-side render that never inits cannot grow it). */
const early: [Command, unknown[]][] = [];

const call = (command: Command, args: unknown[]) =>
  guard(() => {
    if (tracker) (tracker[command] as (...a: unknown[]) => void)(...args);
    else if (early.length < 100) early.push([command, args]);
  })();

/**
 * Starts the SDK once; later calls are ignored.
 * @example init({ site: 'Ab12Cd34', endpoint: 'https://stats.example.com', vitals: true })
 */
export const init = (options: InitOptions): void =>
  guard(() => {
    if (tracker) return;
    // Chunks rollup splits off: the vitals reporter when asked for, the chat hooks once a widget's
    // global shows up, the interaction detectors at the first interaction.
    const created = createTracker(options.site, options.endpoint, options.respectDnt, () => {
      if (options.vitals) import('./vitals.js').then((m) => m.watchVitals(track)).catch(() => {});
      watchChatWidgets(
        () => import('./chat-widgets.js').then((m) => m.hookChatWidgets(track)).catch(() => {}),
        track,
      );
      onFirstInteraction(() =>
        import('./interactions.js').then((m) => m.watchInteractions(track)).catch(() => {}),
      );
    });
    if (options.beforeSend) created.beforeSend(options.beforeSend);
    tracker = created;
    for (const [command, args] of early.splice(0)) call(command, args);
    created.start();
  })();

/** A custom touchpoint. @example track('price_calculated', { plan: 'pro' }) */
export const track = (name: string, props?: Props): void => call('track', [name, props]);

/**
 * Ties the visitor to a CRM lead id; `signature` is the hex HMAC-SHA256 of the lead id keyed with
 * the site secret, computed by your server (README: identify).
 * @example identify('lead-8841', '3f1c…')
 */
export const identify = (lead: string, signature?: string): void => call('identify', [lead, signature]);

/** Switches to (true) or away from (false) a persistent random first-party visitor id. */
export const consent = (granted: boolean): void => call('consent', [granted]);

/** Changes an event before it is queued, or drops it by returning a falsy value. */
export const beforeSend = (hook: BeforeSend): void => call('beforeSend', [hook]);
