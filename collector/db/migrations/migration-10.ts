/**
 * 10 (issue 19, alerts):
 * - alert_channels: where a site's alerts go (webhook, Telegram, e-mail); `config` holds the
 * channel's settings with its secrets, which the API never answers in full;
 * - alert_settings: per site, which touchpoints are leads, the language, business hours, digests;
 * - alert_outbox: every alert to every channel, written by whatever detected it and delivered at
 * least once by the sender (collector/alerts/), so nothing is lost across a restart; one row
 * per (channel, idempotency key), which also keeps a detector from sending an alert twice;
 * - alert_link_uses: the one-time "Called back" / "No answer" links already opened;
 * - alert_incidents: broken-chain incidents, open until their rule recovers.
 */
export const migration10 = `
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
  `;
