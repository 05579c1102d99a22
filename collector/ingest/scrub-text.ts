const EMAIL = /[a-z0-9._%+-]+(?:@|%40)[a-z0-9.-]+\.[a-z]{2,}/gi;
// Ten or more digits with the usual separators: a phone number, whatever country writes it.
const PHONE = /\+?\d(?:[\s().-]*\d){9,}/g;

/** Replaces e-mail addresses and phone numbers in free text. */
export function scrubText(s: string): string {
  return mayHoldContact(s) ? s.replace(EMAIL, '[email]').replace(PHONE, '[phone]') : s;
}

/**
 * False when neither pattern can match: no `@` (nor `%40`) and fewer than ten digits. Most paths and
 * values are like that, and this loop is several times cheaper than running both patterns.
 */
function mayHoldContact(s: string): boolean {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c === 64 /* @ */ ||
      (c === 37 /* % */ && s.startsWith('40', i + 1)) ||
      (c >= 48 && c <= 57 && ++digits >= 10)
    )
      return true;
  }
  return false;
}
