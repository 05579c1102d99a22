/**
 * 8 (issue 15, the scorecard's standards): per-site report settings. The response standard (how
 * soon a callback request must be returned; the scorecard and response speed judge by it), the
 * currency of values (revenue), and the time zone that hours and weekdays are read in. Sites made
 * before get the defaults: 15 minutes, no currency, UTC.
 */
export const migration08 = `
  ALTER TABLE sites ADD COLUMN response_standard_minutes INTEGER NOT NULL DEFAULT 15;
  ALTER TABLE sites ADD COLUMN currency TEXT;
  ALTER TABLE sites ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
  `;
