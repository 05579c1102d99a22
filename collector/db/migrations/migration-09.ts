/**
 * 9 (issue 16, the reports a marketer expects):
 * - sessions.country: the visitor's country, looked up from the address at ingest (the address
 * itself is never stored); sessions stored before stay NULL (unknown). The views show it;
 * - the funnel blocks' session dimensions gained country (model.ts DIMENSIONS): every packed
 * block is marked dirty, read from the events table until the packer repacks it;
 * - saved funnels per site (name and the definition the funnel route takes);
 * - a goal's value has a currency (ISO 4217 code; NULL: the site's figures are in one unnamed
 * currency, as before);
 * - events by name and time, covering visitor, session and origin: the touchpoint details read
 * one or two names over a range, and the overview, timeseries and sources the pageviews and
 * touchpoints, which the time index answers only by walking every event of the range (vitals
 * and engagement included) and reading each row.
 */
export const migration09 = `
  ALTER TABLE sessions ADD COLUMN country TEXT;
  DROP VIEW events_v;
  CREATE VIEW events_v AS
    SELECT e.id, s.public_id AS site, e.uid, n.name, e.visitor_id AS visitor, e.session_id,
           e.ts, strftime('%Y-%m-%dT%H:%M:%fZ', e.ts / 1000.0, 'unixepoch') AS time,
           e.path, e.url, e.referrer, e.props, e.value, e.lead, e.origin,
           ss.channel, ss.utm_source, ss.utm_medium, ss.utm_campaign, ss.landing_path,
           ss.device, ss.browser, ss.os, ss.country
    FROM events e
    JOIN sites s ON s.id = e.site_id
    JOIN names n ON n.id = e.name_id
    LEFT JOIN sessions ss ON ss.id = e.session_id;
  DROP VIEW sessions_v;
  CREATE VIEW sessions_v AS
    SELECT ss.id, s.public_id AS site, ss.visitor_id AS visitor,
           strftime('%Y-%m-%dT%H:%M:%fZ', ss.start_ts / 1000.0, 'unixepoch') AS started,
           strftime('%Y-%m-%dT%H:%M:%fZ', ss.end_ts / 1000.0, 'unixepoch') AS ended,
           (ss.end_ts - ss.start_ts) / 1000 AS seconds,
           ss.landing_path, ss.referrer_host, ss.channel, ss.utm_source, ss.utm_medium,
           ss.utm_campaign, ss.device, ss.browser, ss.os, ss.country
    FROM sessions ss JOIN sites s ON s.id = ss.site_id;
  INSERT INTO funnel_dirty (site_id, block, ver) SELECT site_id, block, random() >> 12 FROM funnel_blocks WHERE true
    ON CONFLICT (site_id, block) DO UPDATE SET ver = ver + 1;
  CREATE TABLE saved_funnels (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX saved_funnels_by_site ON saved_funnels (site_id);
  CREATE INDEX events_by_name ON events (site_id, name_id, ts, visitor_id, session_id, origin);
  ALTER TABLE goals ADD COLUMN currency TEXT;
  `;
