import type { Touch } from '../types.js';

/** A `tel:` link: the site's own number, digits only (a `+` or spaces would split counts). */
export const callClick = (url: URL): Touch | false =>
  url.protocol == 'tel:' && ['call_click', { phone: decodeURIComponent(url.pathname).replace(/\D/g, '') }];
