import type { Link, Touch } from '../types.js';

/**
 * A link to another host. Only observed: the SDK never calls preventDefault, so modifier keys,
 * `target` and the browser's own navigation work as always; the event leaves in the pagehide beacon.
 */
export const outboundClick = (link: Link): Touch | false =>
  /^https?:$/.test(link.protocol) && link.host != location.host && ['outbound_click', { host: link.hostname }];
