import { on } from '../guard.js';
import type { Emit } from '../types.js';

const EMAIL = /^\S+@\S+\.\w+$/;
const PHONE = /^\+?\d[\d\s().-]{5,}\d$/;

/** What kind of contact a copied text is, if it is one. */
export const contactKind = (text: string): string | undefined =>
  EMAIL.test(text) ? 'email' : PHONE.test(text) ? 'phone' : undefined;

/** A visitor copying the site's phone number or e-mail: the kind is sent, never the text. */
export const watchContactCopy = (emit: Emit): void =>
  on('copy', () => {
    const kind = contactKind(String(getSelection()).trim());
    kind && emit('contact_copy', { kind });
  });
