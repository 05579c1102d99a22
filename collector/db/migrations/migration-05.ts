/**
 * 5 (background packer): a version per dirty block, so a block can be packed from a read
 * snapshot and written in a short transaction only if nothing dirtied it in between (see
 * collector/queries/refresh-event-blocks.ts). Each mark bumps `ver`. A newly created mark starts
 * at a random version, not 0: a block packed by another connection and dirtied again would
 * otherwise be back at the version a slower packer read, and that packer would write stale
 * columns over it. (>> 12 keeps ver + 1 far from integer overflow.)
 */
export const migration05 = `
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
  `;
