/**
 * 3 (goals and funnels, issue 4): goals per site; the funnel engine's packed per-visitor event
 * blocks (funnel_blocks/funnel_cols, path dictionary funnel_paths); triggers that mark a block
 * dirty whenever its events change, so queries never trust a stale block (they read dirty
 * blocks straight from the events index until refreshEventBlocks() repacks them); and a lead
 * index for response speed. Block = visitor_id >> 10 (1 024 visitors); the shift is part of
 * this schema (collector/queries/event-blocks.ts BLOCK_SHIFT) and must never change here.
 */
export const migration03 = `
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
  `;
