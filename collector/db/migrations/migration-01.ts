/**
 * 1: core schema
 */
export const migration01 = `
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
  `;
