import type { Link, Touch } from '../types.js';

/** A `mailto:` link: only the domain of the first address is sent, never the local part. */
export const emailClick = (link: Link): Touch | false =>
  link.protocol == 'mailto:' && [
    'email_click',
    { domain: /@([^,;]*)/.exec(decodeURIComponent(link.pathname).toLowerCase())?.[1] },
  ];
