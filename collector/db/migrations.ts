/**
 * Versioned schema. Each entry runs once, in order, inside a transaction; `PRAGMA user_version`
 * records how many have run. Append, never edit a shipped entry.
 *
 * Integer ids (sites, names, visitors, sessions) keep the hot indexes small; the `*_v` views give
 * analysts readable names.
 */
export const migrations: readonly string[] = [
  /* 1: core schema */ `
  CREATE TABLE sites (
    id              INTEGER PRIMARY KEY,
    public_id       TEXT NOT NULL UNIQUE,
    domain          TEXT NOT NULL,
    hostnames       TEXT NOT NULL DEFAULT '[]',
    secret          TEXT NOT NULL,
    count_bots      INTEGER NOT NULL DEFAULT 0,
    default_country TEXT,
    retention_days  INTEGER,
    created_at      INTEGER NOT NULL
  );
  CREATE TABLE names (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
  );
  CREATE TABLE visitors (
    id       INTEGER PRIMARY KEY,
    site_id  INTEGER NOT NULL REFERENCES sites(id),
    key      TEXT NOT NULL,
    first_ts INTEGER NOT NULL,
    UNIQUE (site_id, key)
  );
  CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES sites(id),
    visitor_id    INTEGER NOT NULL REFERENCES visitors(id),
    start_ts      INTEGER NOT NULL,
    end_ts        INTEGER NOT NULL,
    landing_path  TEXT,
    referrer_host TEXT,
    channel       TEXT NOT NULL,
    utm_source    TEXT,
    utm_medium    TEXT,
    utm_campaign  TEXT,
    device        TEXT,
    browser       TEXT,
    os            TEXT
  );
  CREATE INDEX sessions_by_visitor ON sessions (site_id, visitor_id, start_ts);
  CREATE INDEX sessions_by_time ON sessions (site_id, start_ts);
  CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id),
    uid         TEXT NOT NULL,
    name_id     INTEGER NOT NULL REFERENCES names(id),
    visitor_id  INTEGER NOT NULL REFERENCES visitors(id),
    session_id  INTEGER REFERENCES sessions(id),
    ts          INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    path        TEXT,
    url         TEXT,
    referrer    TEXT,
    props       TEXT,
    value       REAL,
    lead        TEXT,
    origin      TEXT NOT NULL DEFAULT 'web',
    UNIQUE (site_id, uid)
  );
  CREATE INDEX events_by_visitor ON events (site_id, visitor_id, ts, name_id);
  CREATE INDEX events_by_time ON events (site_id, ts, name_id);
  CREATE TABLE leads (
    site_id    INTEGER NOT NULL REFERENCES sites(id),
    lead       TEXT NOT NULL,
    visitor_id INTEGER NOT NULL REFERENCES visitors(id),
    linked_at  INTEGER NOT NULL,
    PRIMARY KEY (site_id, lead)
  ) WITHOUT ROWID;
  CREATE TABLE salts (
    day        TEXT PRIMARY KEY,
    salt       TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE VIEW events_v AS
    SELECT e.id, s.public_id AS site, e.uid, n.name, e.visitor_id AS visitor, e.session_id,
           e.ts, strftime('%Y-%m-%dT%H:%M:%fZ', e.ts / 1000.0, 'unixepoch') AS time,
           e.path, e.url, e.referrer, e.props, e.value, e.lead, e.origin,
           ss.channel, ss.utm_source, ss.utm_medium, ss.utm_campaign, ss.landing_path,
           ss.device, ss.browser, ss.os
    FROM events e
    JOIN sites s ON s.id = e.site_id
    JOIN names n ON n.id = e.name_id
    LEFT JOIN sessions ss ON ss.id = e.session_id;
  CREATE VIEW sessions_v AS
    SELECT ss.id, s.public_id AS site, ss.visitor_id AS visitor,
           strftime('%Y-%m-%dT%H:%M:%fZ', ss.start_ts / 1000.0, 'unixepoch') AS started,
           strftime('%Y-%m-%dT%H:%M:%fZ', ss.end_ts / 1000.0, 'unixepoch') AS ended,
           (ss.end_ts - ss.start_ts) / 1000 AS seconds,
           ss.landing_path, ss.referrer_host, ss.channel, ss.utm_source, ss.utm_medium,
           ss.utm_campaign, ss.device, ss.browser, ss.os
    FROM sessions ss JOIN sites s ON s.id = ss.site_id;
  `,
  /* 2: dashboard sign-in sessions, failed sign-ins (lock-out), read-only share links */ `
  CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL
  );
  CREATE INDEX sign_in_failures_by_time ON sign_in_failures (ts);
  CREATE TABLE share_links (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label      TEXT,
    created_at INTEGER NOT NULL
  );
  `,
  /*
   * 3 (goals and funnels, issue 4): goals per site; the funnel engine's packed per-visitor event
   * blocks (funnel_blocks/funnel_cols, path dictionary funnel_paths); triggers that mark a block
   * dirty whenever its events change, so queries never trust a stale block (they read dirty
   * blocks straight from the events index until refreshEventBlocks() repacks them); and a lead
   * index for response speed. Block = visitor_id >> 10 (1 024 visitors); the shift is part of
   * this schema (collector/queries/event-blocks.ts BLOCK_SHIFT) and must never change here.
   */ `
  CREATE TABLE goals (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    definition TEXT NOT NULL,
    value      REAL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX goals_by_site ON goals (site_id);
  CREATE TABLE funnel_paths (
    id      INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL,
    path    TEXT NOT NULL,
    UNIQUE (site_id, path)
  );
  CREATE TABLE funnel_blocks (
    site_id INTEGER NOT NULL,
    block   INTEGER NOT NULL,
    events  INTEGER NOT NULL,
    min_ts  INTEGER NOT NULL,
    max_ts  INTEGER NOT NULL,
    PRIMARY KEY (site_id, block)
  ) WITHOUT ROWID;
  CREATE TABLE funnel_cols (
    id      INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL,
    block   INTEGER NOT NULL,
    col     TEXT NOT NULL,
    data    BLOB NOT NULL,
    UNIQUE (site_id, block, col)
  );
  CREATE TABLE funnel_dirty (
    site_id INTEGER NOT NULL,
    block   INTEGER NOT NULL,
    PRIMARY KEY (site_id, block)
  ) WITHOUT ROWID;
  CREATE TRIGGER funnel_dirty_insert AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO funnel_dirty (site_id, block) VALUES (NEW.site_id, NEW.visitor_id >> 10);
  END;
  CREATE TRIGGER funnel_dirty_update AFTER UPDATE OF site_id, visitor_id, session_id, ts, name_id, path, url, props ON events BEGIN
    INSERT OR IGNORE INTO funnel_dirty (site_id, block) VALUES (OLD.site_id, OLD.visitor_id >> 10);
    INSERT OR IGNORE INTO funnel_dirty (site_id, block) VALUES (NEW.site_id, NEW.visitor_id >> 10);
  END;
  CREATE TRIGGER funnel_dirty_delete AFTER DELETE ON events BEGIN
    INSERT OR IGNORE INTO funnel_dirty (site_id, block) VALUES (OLD.site_id, OLD.visitor_id >> 10);
  END;
  CREATE INDEX events_by_lead ON events (site_id, lead, ts) WHERE lead IS NOT NULL;
  -- events stored before these triggers existed: their blocks start dirty.
  INSERT OR IGNORE INTO funnel_dirty (site_id, block) SELECT DISTINCT site_id, visitor_id >> 10 FROM events;
  `,
  /*
   * 4 (funnel breakdowns): packed blocks gained an `sdim` column (session dimensions, see
   * collector/queries/event-blocks.ts); blocks packed before it are repacked by the writer's
   * refresh. Until then queries read them from the events table, so answers never change.
   */ `
  INSERT OR IGNORE INTO funnel_dirty (site_id, block) SELECT site_id, block FROM funnel_blocks;
  `,
  /*
   * 5 (background packer): a version per dirty block, so a block can be packed from a read
   * snapshot and written in a short transaction only if nothing dirtied it in between (see
   * collector/queries/refresh-event-blocks.ts). Each mark bumps `ver`. A newly created mark starts
   * at a random version, not 0: a block packed by another connection and dirtied again would
   * otherwise be back at the version a slower packer read, and that packer would write stale
   * columns over it. (>> 12 keeps ver + 1 far from integer overflow.)
   */ `
  ALTER TABLE funnel_dirty ADD COLUMN ver INTEGER NOT NULL DEFAULT 0;
  DROP TRIGGER funnel_dirty_insert;
  DROP TRIGGER funnel_dirty_update;
  DROP TRIGGER funnel_dirty_delete;
  CREATE TRIGGER funnel_dirty_insert AFTER INSERT ON events BEGIN
    INSERT INTO funnel_dirty (site_id, block, ver) VALUES (NEW.site_id, NEW.visitor_id >> 10, random() >> 12)
      ON CONFLICT (site_id, block) DO UPDATE SET ver = ver + 1;
  END;
  CREATE TRIGGER funnel_dirty_update AFTER UPDATE OF site_id, visitor_id, session_id, ts, name_id, path, url, props ON events BEGIN
    INSERT INTO funnel_dirty (site_id, block, ver) VALUES (OLD.site_id, OLD.visitor_id >> 10, random() >> 12)
      ON CONFLICT (site_id, block) DO UPDATE SET ver = ver + 1;
    INSERT INTO funnel_dirty (site_id, block, ver) VALUES (NEW.site_id, NEW.visitor_id >> 10, random() >> 12)
      ON CONFLICT (site_id, block) DO UPDATE SET ver = ver + 1;
  END;
  CREATE TRIGGER funnel_dirty_delete AFTER DELETE ON events BEGIN
    INSERT INTO funnel_dirty (site_id, block, ver) VALUES (OLD.site_id, OLD.visitor_id >> 10, random() >> 12)
      ON CONFLICT (site_id, block) DO UPDATE SET ver = ver + 1;
  END;
  `,
  /*
   * 6 (ingest speed): new events are marked dirty by the writer, once per block per commit
   * (collector/store/mark-dirty-block.ts), instead of by a trigger once per row (~15 % of an
   * insert). Updates and deletes keep their triggers. A tool that inserts into `events` directly
   * must mark the blocks itself, or funnels will not see its rows until the block is dirtied again.
   */ `
  DROP TRIGGER funnel_dirty_insert;
  `,
  /*
   * 7 (issue 13, data anyone could harm):
   * - per-site switches, both off: an unsigned identify links no lead; web events carry no value;
   * - web and server-side ids apart: offline and imported touchpoints are stored as `o:<id>` and web
   *   ids may no longer hold `:`. A web row already stored in that space (an id sent as `o:crm-0002`)
   *   moves to `w:o:crm-0002`, so the offline `crm-0002` it blocked can be stored; replays of it are
   *   refused anyway now. OR IGNORE, then a rowid form, so no stored id can make this step fail.
   *   (site_id, uid) ranges walk the unique index instead of the whole table;
   * - money only from the server side: a web row's value is dropped (the figure stays in its
   *   props.value, which it was copied from), and any value beyond ±1e12 (a 1e308 that summed to
   *   Infinity) moves into props.value_out_of_bounds, so sums stay finite and nothing is lost.
   */ `
  ALTER TABLE sites ADD COLUMN unsigned_identify INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sites ADD COLUMN web_values INTEGER NOT NULL DEFAULT 0;
  UPDATE OR IGNORE events SET uid = 'w:' || uid
    WHERE site_id IN (SELECT id FROM sites) AND uid >= 'o:' AND uid < 'o;' AND origin = 'web';
  UPDATE OR IGNORE events SET uid = 'w' || id || ':' || uid
    WHERE site_id IN (SELECT id FROM sites) AND uid >= 'o:' AND uid < 'o;' AND origin = 'web';
  UPDATE events SET props = CASE
      WHEN props IS NULL THEN json_object('value_out_of_bounds', value)
      WHEN json_valid(props) THEN json_set(props, '$.value_out_of_bounds', value)
      ELSE props END,
    value = NULL
    WHERE abs(value) > 1e12;
  UPDATE events SET value = NULL WHERE origin = 'web' AND value IS NOT NULL;
  `,
  /*
   * 8 (issue 15, the scorecard's standards): per-site report settings. The response standard (how
   * soon a callback request must be returned; the scorecard and response speed judge by it), the
   * currency of values (revenue), and the time zone that hours and weekdays are read in. Sites made
   * before get the defaults: 15 minutes, no currency, UTC.
   */ `
  ALTER TABLE sites ADD COLUMN response_standard_minutes INTEGER NOT NULL DEFAULT 15;
  ALTER TABLE sites ADD COLUMN currency TEXT;
  ALTER TABLE sites ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
  `,
  /*
   * 9 (issue 16, the reports a marketer expects):
   * - sessions.country: the visitor's country, looked up from the address at ingest (the address
   *   itself is never stored); sessions stored before stay NULL (unknown). The views show it;
   * - the funnel blocks' session dimensions gained country (model.ts DIMENSIONS): every packed
   *   block is marked dirty, read from the events table until the packer repacks it;
   * - saved funnels per site (name and the definition the funnel route takes);
   * - a goal's value has a currency (ISO 4217 code; NULL: the site's figures are in one unnamed
   *   currency, as before);
   * - events by name and time, covering visitor, session and origin: the touchpoint details read
   *   one or two names over a range, and the overview, timeseries and sources the pageviews and
   *   touchpoints, which the time index answers only by walking every event of the range (vitals
   *   and engagement included) and reading each row.
   */ `
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
  `,
  /*
   * 10 (issue 19, alerts):
   * - alert_channels: where a site's alerts go (webhook, Telegram, e-mail); `config` holds the
   *   channel's settings with its secrets, which the API never answers in full;
   * - alert_settings: per site, which touchpoints are leads, the language, business hours, digests;
   * - alert_outbox: every alert to every channel, written by whatever detected it and delivered at
   *   least once by the sender (collector/alerts/), so nothing is lost across a restart; one row
   *   per (channel, idempotency key), which also keeps a detector from sending an alert twice;
   * - alert_link_uses: the one-time "Called back" / "No answer" links already opened;
   * - alert_incidents: broken-chain incidents, open until their rule recovers.
   */ `
  CREATE TABLE alert_channels (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    config     TEXT NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX alert_channels_by_site ON alert_channels (site_id);
  CREATE TABLE alert_settings (
    site_id INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
    config  TEXT NOT NULL
  );
  CREATE TABLE alert_outbox (
    id              INTEGER PRIMARY KEY,
    site_id         INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    channel_id      INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
    type            TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         INTEGER NOT NULL,
    sent_at         INTEGER,
    response_code   INTEGER,
    last_error      TEXT,
    UNIQUE (channel_id, idempotency_key)
  );
  CREATE INDEX alert_outbox_due ON alert_outbox (status, next_at);
  CREATE INDEX alert_outbox_by_site ON alert_outbox (site_id, id);
  CREATE TABLE alert_link_uses (
    nonce   TEXT PRIMARY KEY,
    used_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE alert_incidents (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    rule        TEXT NOT NULL,
    opened_at   INTEGER NOT NULL,
    resolved_at INTEGER,
    detail      TEXT NOT NULL
  );
  CREATE UNIQUE INDEX alert_incidents_open ON alert_incidents (site_id, rule) WHERE resolved_at IS NULL;
  `,
  /*
   * 11 (issue 16, every dashboard view under 300 ms at 1 M events): two partial indexes that hold
   * only the few rows the scorecard asks for, so it stops reading and parsing the many it skips.
   * - events_poor_vitals: web vitals rated poor (about 1 in 40), with their metric; the scorecard
   *   read the props of every web vital of the range for them. The CASEs keep props that are not
   *   JSON out of the index instead of failing their insert; queries repeat both expressions word
   *   for word (SQLite matches a partial index's WHERE, and an indexed expression, by their terms);
   * - events_with_value: events carrying a value, with the value; the scorecard's value per name
   *   read every offline event's row for the few that have one.
   */ `
  CREATE INDEX events_poor_vitals
    ON events (site_id, name_id, ts, (CASE WHEN json_valid(props) THEN json_extract(props, '$.metric') END))
    WHERE CASE WHEN json_valid(props) THEN json_extract(props, '$.rating') END = 'poor';
  CREATE INDEX events_with_value ON events (site_id, name_id, ts, value) WHERE value IS NOT NULL;
  `,
];
