import { scrub } from '../clean-url.js';
import type { Touch } from '../types.js';
import { LINK } from '../wire.js';

/**
 * messenger_click, file_download and outbound_click: the script only says what link was clicked
 * and the collector tells which of the three it was (collector/ingest/link-touchpoint.ts), so the
 * tables of messenger hosts and file extensions are not in every visitor's download. Sent: the
 * protocol `t`, the host `h`, the `download` attribute `d`, and the last path segment `f` (decoded)
 * only when it may name a file; e-mails and phone numbers scrubbed, never the query or the rest of
 * the path. A link on the page's own host that is no file, and a `javascript:` link, send nothing.
 */
export const linkClick = (link: HTMLAnchorElement): Touch | false => {
  const d = link.getAttribute('download');
  const name = decodeURIComponent(link.pathname.split('/').pop()!);
  const ext = /\.\w+$/.exec(name)?.[0] || '';
  const file = d != null || !!ext;
  // The extension is put back after scrubbing: an e-mail pattern swallows it (`a@b.example.pdf`).
  return (
    (file || link.host != location.host) &&
    link.protocol != 'javascript:' && [
      LINK,
      { t: link.protocol, h: scrub(link.host), f: file ? scrub(name).replace(/(\.\w+)?$/, ext) : null, d },
    ]
  );
};
