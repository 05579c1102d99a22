/** ISO text of a range bound for the export's `meta` table; empty for an open side. */
export const boundText = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());
