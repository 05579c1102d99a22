import type { Touch } from '../types.js';

/**
 * A link to another host. Only observed: the SDK never calls preventDefault, so modifier keys,
 * `target` and the browser's own navigation work as always; the event leaves in the pagehide beacon.
 */
export const outboundClick = (url: URL): Touch | false =>
  /^https?:$/.test(url.protocol) && url.host != location.host && ['outbound_click', { host: url.hostname }];
