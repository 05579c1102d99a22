import { scrub } from '../clean-url.js';
import type { Touch } from '../types.js';
import { LINK } from '../wire.js';

/**
 * messenger_click, file_download and outbound_click: the script only says what link was clicked
 * and the collector tells which of the three it was (collector/ingest/link-touchpoint.ts), so the
 * tables of messenger hosts and file extensions are not in every visitor's download. Sent: the
 * protocol `t`, the host `h`, the last path segment `f` (decoded, e-mails and phones scrubbed) and
 * the `download` attribute `d`; never the query or the rest of the path. A link on the page's own
 * host whose last segment has no extension, and a `javascript:` link, send nothing.
 */
export const linkClick = (link: HTMLAnchorElement): Touch | false => {
  const d = link.getAttribute('download');
  const f = scrub(decodeURIComponent(link.pathname.split('/').pop()!));
  return (link.host != location.host || d != null || /\.\w+$/.test(f)) && link.protocol != 'javascript:' && [LINK, { t: link.protocol, h: link.host, f, d }];
};
