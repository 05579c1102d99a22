import { scrub } from '../clean-url.js';
import { on } from '../guard.js';
import type { Track } from '../types.js';

/**
 * What kind of contact a copied text is, if it is one: the text is exactly one e-mail address or
 * phone number (10+ digits), by the same patterns the URL scrubber uses.
 */
export const contactKind = (text: string): string | undefined =>
  /^\[(email|phone)\]$/.exec(scrub(text.trim()))?.[1];

/** A visitor copying the site's phone number or e-mail: the kind is sent, never the text. */
export const watchContactCopy = (track: Track): void =>
  on('copy', () => {
    const kind = contactKind(String(getSelection()));
    if (kind) track('contact_copy', { kind });
  });
