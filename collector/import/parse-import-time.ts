const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
/** 20.11.2026 14:05 — day first, the way RU and DE call logs write it (never month first: ambiguous). */
const DOTTED = /^(\d{2})\.(\d{2})\.(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A call log's time → ms since epoch, or undefined. ISO 8601 with a zone is taken as written;
 * times without a zone are local to `utcOffsetMinutes` (CRM exports rarely say); 13 digits are
 * ms and 10 digits are seconds since epoch.
 */
export function parseImportTime(s: string, utcOffsetMinutes = 0): number | undefined {
  const t = s.trim();
  if (/^\d{13}$/.test(t)) return Number(t);
  if (/^\d{10}$/.test(t)) return Number(t) * 1000;
  const naive = NAIVE.exec(t);
  if (naive)
    return local(naive[1]!, naive[2]!, naive[3]!, naive[4], naive[5], naive[6], naive[7], utcOffsetMinutes);
  const dotted = DOTTED.exec(t);
  if (dotted)
    return local(
      dotted[3]!,
      dotted[2]!,
      dotted[1]!,
      dotted[4],
      dotted[5],
      dotted[6],
      undefined,
      utcOffsetMinutes,
    );
  if (!ZONED.test(t) || !/^\d{4}-\d{2}-\d{2}T/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

function local(
  y: string,
  mo: string,
  d: string,
  h = '0',
  mi = '0',
  sec = '0',
  frac = '0',
  offset: number,
): number | undefined {
  const [Y, M, D, H, Mi, S] = [y, mo, d, h, mi, sec].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (M < 1 || M > 12 || D < 1 || D > 31 || H > 23 || Mi > 59 || S > 59) return undefined;
  const ms = Date.UTC(Y, M - 1, D, H, Mi, S, Number(frac.padEnd(3, '0')));
  // Date.UTC rolls 31 February over into March; a real calendar date survives the round trip.
  if (new Date(ms).getUTCDate() !== D) return undefined;
  return ms - offset * 60_000;
}

/** `+03:00`, `-0530`, `+3` → minutes east of UTC; undefined when malformed. */
export function parseUtcOffset(s: string): number | undefined {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(s.trim());
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes > 14 * 60 ? undefined : m[1] === '-' ? -minutes : minutes;
}
