import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number in E.164 (`+79120001122`), or null when the text is not one. Local forms are read
 * with the site's default country, so `+7 (912) 000-11-22`, `8 912 000 11 22` and `89120001122`
 * (what a `tel:` link's call_click carries, digits only) are the same number for a RU site.
 * Without a default country only international forms can be read; bare digits are tried as if
 * they had a leading `+` (a call log often drops it).
 *
 * @example
 * normalisePhone('8 (912) 000-11-22', 'RU') // '+79120001122'
 */
export function normalisePhone(raw: string, defaultCountry?: string | null): string | null {
  const text = raw.trim();
  if (!text || text.length > 40) return null;
  const country =
    defaultCountry && /^[A-Z]{2}$/i.test(defaultCountry)
      ? (defaultCountry.toUpperCase() as CountryCode)
      : undefined;
  const digitsOnly = /^[\d\s().-]+$/.test(text) ? text.replace(/\D/g, '') : null;
  // `00` is the international prefix in most of the world (not in RU, where it is 810).
  const tries = digitsOnly?.startsWith('00') ? [`+${digitsOnly.slice(2)}`, text] : [text];
  // A number written without its + is ambiguous; only try it when a local reading failed.
  if (digitsOnly !== null) tries.push(`+${digitsOnly}`);
  for (const t of tries) {
    try {
      const p = parsePhoneNumberFromString(t, country);
      // isValid checks the number plan (length and leading digits), not just the length.
      if (p?.isValid()) return p.number;
    } catch {
      // libphonenumber throws on some malformed input instead of returning undefined.
    }
  }
  return null;
}
