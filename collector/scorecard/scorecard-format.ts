/** Numbers as the scorecard's sentences write them: `34 %`, `5.2×`, `15 min`, `1 h 30 min`. */
export function pct(share: number): string {
  const p = Math.round(share * 100);
  if (p === 0 && share > 0) return 'under 1 %';
  if (p === 100 && share < 1) return 'over 99 %';
  return `${p} %`;
}

export const times = (lift: number): string => `${lift >= 10 ? lift.toFixed(0) : lift.toFixed(1)}×`;

export function minutes(m: number): string {
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** First letter up, for a sentence that starts with a phrase. */
export const capital = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
