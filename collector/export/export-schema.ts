/** Bumped when a table or column of the export file changes meaning; recorded in `meta` (2: conversions as the goals API counts them). */
export const EXPORT_VERSION = 2;

/**
 * Tables of an export file: plain names, names instead of ids, ISO times next to ms, no internal
 * keys (visitor hashes, secrets). Only portable SQL, so DuckDB and other tools read it as well as
 * the `sqlite3` shell. docs/querying.md documents every column.
 */
export const EXPORT_TABLES = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE events (
  id       INTEGER PRIMARY KEY,
  uid      TEXT NOT NULL,
  name     TEXT NOT NULL,
  time     TEXT NOT NULL,
  ts       INTEGER NOT NULL,
  visitor  INTEGER NOT NULL,
  session  INTEGER,
  path     TEXT,
  url      TEXT,
  referrer TEXT,
  props    TEXT,
  value    REAL,
  lead     TEXT,
  origin   TEXT NOT NULL
);
CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  visitor       INTEGER NOT NULL,
  started       TEXT NOT NULL,
  ended         TEXT NOT NULL,
  start_ts      INTEGER NOT NULL,
  end_ts        INTEGER NOT NULL,
  seconds       INTEGER NOT NULL,
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
CREATE TABLE visitors (
  id         INTEGER PRIMARY KEY,
  first_seen TEXT NOT NULL,
  first_ts   INTEGER NOT NULL,
  identity   TEXT NOT NULL,
  lead       TEXT,
  events     INTEGER NOT NULL,
  sessions   INTEGER NOT NULL
);
CREATE TABLE leads (
  lead      TEXT PRIMARY KEY,
  visitor   INTEGER NOT NULL,
  linked    TEXT NOT NULL,
  linked_ts INTEGER NOT NULL
);
CREATE TABLE touchpoints (
  name        TEXT NOT NULL,
  origin      TEXT NOT NULL,
  events      INTEGER NOT NULL,
  visitors    INTEGER NOT NULL,
  sessions    INTEGER NOT NULL,
  first_time  TEXT NOT NULL,
  last_time   TEXT NOT NULL,
  total_value REAL,
  PRIMARY KEY (name, origin)
);
CREATE TABLE goals (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  definition TEXT NOT NULL,
  value      REAL
);
CREATE TABLE conversions (
  goal      INTEGER NOT NULL,
  goal_name TEXT NOT NULL,
  event     INTEGER NOT NULL,
  visitor   INTEGER NOT NULL,
  session   INTEGER,
  time      TEXT NOT NULL,
  ts        INTEGER NOT NULL,
  value     REAL,
  PRIMARY KEY (goal, event)
);
CREATE VIEW events_sessions AS
  SELECT e.*, s.channel, s.landing_path, s.referrer_host, s.utm_source, s.utm_medium, s.utm_campaign,
         s.device, s.browser, s.os
  FROM events e LEFT JOIN sessions s ON s.id = e.session;
`;

/**
 * Built after the rows are in (faster than maintaining them row by row): the access paths of the
 * usual questions — one visitor's journey in time order, one kind of touchpoint over time, a
 * lead's events, a session's events, a goal's conversions over time.
 */
export const EXPORT_INDEXES = `
CREATE INDEX events_by_visitor ON events (visitor, ts, name);
CREATE INDEX events_by_name ON events (name, ts);
CREATE INDEX events_by_time ON events (ts);
CREATE INDEX events_by_session ON events (session) WHERE session IS NOT NULL;
CREATE INDEX events_by_lead ON events (lead, ts) WHERE lead IS NOT NULL;
CREATE INDEX sessions_by_visitor ON sessions (visitor, start_ts);
CREATE INDEX sessions_by_landing ON sessions (landing_path);
CREATE INDEX conversions_by_goal ON conversions (goal, ts);
CREATE INDEX conversions_by_visitor ON conversions (visitor, ts);
`;
