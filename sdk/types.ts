import type { WireEvent, WireProp } from './wire.js';

/** Event props as detectors hand them over; null and undefined values are left out of the wire `p`. */
export type Props = Record<string, WireProp | null | undefined>;

/** What a detector found: a touchpoint name and its props. */
export type Touch = [name: string, props?: Props];

/** What the link detectors read of a link: an `<a>`/`<area>` element or a URL both have these. */
export type Link = Pick<URL, 'protocol' | 'host' | 'hostname' | 'pathname'>;

/**
 * Hands a touchpoint to the tracker. `u` overrides the page URL for events about a page the router
 * has already left (engagement, form_abandon); `r` is a referrer (pageview, not_found).
 */
export type Emit = (name: string, props?: Props, u?: string, r?: string) => void;

/** Changes an event before it is queued, or drops it by returning a falsy value. */
export type BeforeSend = (event: WireEvent) => WireEvent | null | undefined | false | void;

/** How the lazily loaded chunks report a touchpoint: the public `track` (page-track.ts in t.js's chunks). */
export type Track = (name: string, props: Props) => void;
