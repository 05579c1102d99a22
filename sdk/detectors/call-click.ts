import type { Link, Touch } from '../types.js';

/** A `tel:` link: the site's own number, digits only (a `+` or spaces would split counts; `%20` is a space). */
export const callClick = (link: Link): Touch | false =>
  link.protocol == 'tel:' && ['call_click', { phone: link.pathname.replace(/%\w\w|\D/g, '') }];
