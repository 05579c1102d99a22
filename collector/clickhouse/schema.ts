import { ident, type Sql, sql } from './sql';

/**
 * ClickHouse schema, versioned like the SQLite migrations: each entry is one version's
 * statements, run in order on start and recorded in `touchpoint_schema`. Written for Debian's
 * 18.16 and current servers alike: no LowCardinality, TTL, CODEC or JSON types.
 *
 * `events` holds one row per stored event, with its session's attributes copied on (a report never
 * joins sessions). Sorted by site, time and visitor; one partition a month, so retention drops or
 * deletes whole months. Ids that are local to one SQLite file become global: `visitor` is a 64-bit
 * hash of the site and the visitor key, `session` carries the collector's instance number in its
 * high 32 bits. `standin` marks an offline event whose lead was not linked to a visitor when it was
 * stored: reports read its visitor through `leads` (the first link wins), so a later `identify`
 * needs no update here. `batch` names the shipment a row came in, so a shipment whose answer was
 * lost can be checked and completed instead of sent twice. `seq` (the spool's row id under the
 * instance number, like `session`) and `name_id` (the spool's name id) order a visitor's events
 * within one millisecond exactly as the SQLite engine does (ts, name id, row id): funnels and the
 * recent-events list need one order for ties, and the SQLite engine's is the one documented.
 * `visitor_kind` (cookieless, consented, lead, offline: how the visitor is known) and
 * `visitor_first_ts` are the visitor row's, for the export's visitors table.
 */
export const CLICKHOUSE_MIGRATIONS: readonly ((db: string) => Sql[])[] = [
  /* 1: events and leads */ (db) => [
    sql`CREATE TABLE IF NOT EXISTS ${ident(db)}.events (
      site_id UInt32,
      uid String,
      seq UInt64,
      batch UInt64,
      ts Int64,
      time DateTime,
      received_at Int64,
      visitor UInt64,
      standin UInt8,
      visitor_kind String,
      visitor_first_ts Int64,
      session UInt64,
      name String,
      name_id UInt32,
      path Nullable(String),
      url Nullable(String),
      referrer Nullable(String),
      props Nullable(String),
      value Nullable(Float64),
      lead Nullable(String),
      origin String,
      landing_path Nullable(String),
      referrer_host Nullable(String),
      channel Nullable(String),
      utm_source Nullable(String),
      utm_medium Nullable(String),
      utm_campaign Nullable(String),
      device Nullable(String),
      browser Nullable(String),
      os Nullable(String),
      country Nullable(String)
    ) ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(time) ORDER BY (site_id, time, visitor, uid)`,
    sql`CREATE TABLE IF NOT EXISTS ${ident(db)}.leads (
      site_id UInt32,
      lead String,
      visitor UInt64,
      linked_at Int64
    ) ENGINE = ReplacingMergeTree() ORDER BY (site_id, lead, linked_at, visitor)`,
  ],
];

/** The table that records applied versions (a plain Log table: a few rows, written once each). */
export const schemaTable = (db: string): Sql =>
  sql`CREATE TABLE IF NOT EXISTS ${ident(db)}.touchpoint_schema (version UInt32, applied_at DateTime) ENGINE = Log`;
