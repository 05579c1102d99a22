import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type CountryResponse, Reader } from 'mmdb-lib';
import { publicAddress } from './public-address';

/** The bundled database: ip-location-db's country file (IPv4 and IPv6), read offline. */
export const COUNTRY_DB_PACKAGE = '@ip-location-db/geo-whois-asn-country-mmdb';
const BUNDLED_FILE = 'geo-whois-asn-country.mmdb';

/** ip-location-db records carry `country_code`; MaxMind-style files (GeoLite2-Country) `country.iso_code`. */
type CountryRecord = CountryResponse & { country_code?: string };

export interface CountryDatabase {
  /** Two-letter ISO 3166 code of a public address; null for private, reserved or unknown ones. */
  lookup(ip: string): string | null;
  /** When the file was built (its metadata), to say how current it is. */
  builtAt: Date;
  path: string;
}

export const bundledCountryDbPath = (): string =>
  createRequire(import.meta.url).resolve(`${COUNTRY_DB_PACKAGE}/${BUNDLED_FILE}`);

/**
 * Opens an MMDB country database (the bundled one by default, or any file with either record
 * shape above). The file is read into memory once; a lookup walks its search tree, with no
 * network and nothing written. Throws when the file is missing or not an MMDB database.
 */
export function openCountryDatabase(path = bundledCountryDbPath()): CountryDatabase {
  const reader = new Reader<CountryResponse>(readFileSync(path));
  return {
    path,
    builtAt: reader.metadata.buildEpoch,
    lookup(raw) {
      const ip = publicAddress(raw);
      if (!ip) return null;
      const rec = reader.get(ip) as CountryRecord | null;
      const code = rec?.country_code ?? rec?.country?.iso_code;
      return code && /^[A-Z]{2}$/.test(code) ? code : null;
    },
  };
}
