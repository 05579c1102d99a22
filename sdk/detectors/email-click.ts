import type { Touch } from '../types.js';

/** A `mailto:` link: only the domain of the first address is sent, never the local part. */
export const emailClick = (url: URL): Touch | false =>
  url.protocol == 'mailto:' && [
    'email_click',
    { domain: decodeURIComponent(url.pathname).split(/[,;]/)[0]!.split('@')[1]?.toLowerCase() },
  ];
