import type { Statement } from 'better-sqlite3';
import { MARK_DIRTY_BLOCK_SQL } from '../blocks';
import type { Db } from '../db/open-database';
import type { PendingEvent, SessionSeed } from '../ingest/pending-event';

export interface SessionRow {
  id: number;
  start: number;
  end: number;
}

const CACHE_CAP = 100_000;

/** The writer's prepared statements, with id caches so a hot path touches the name and visitor tables rarely. */
export class WriteStatements {
  private readonly names = new Map<string, number>();
  private readonly visitors = new Map<string, number>();
  private readonly q: Record<string, Statement>;

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      nameInsert: p('INSERT OR IGNORE INTO names (name) VALUES (?)'),
      nameGet: p('SELECT id FROM names WHERE name = ?'),
      visitorInsert: p('INSERT OR IGNORE INTO visitors (site_id, key, first_ts) VALUES (?, ?, ?)'),
      visitorGet: p('SELECT id FROM visitors WHERE site_id = ? AND key = ?'),
      leadGet: p('SELECT visitor_id FROM leads WHERE site_id = ? AND lead = ?'),
      leadInsert: p('INSERT OR IGNORE INTO leads (site_id, lead, visitor_id, linked_at) VALUES (?, ?, ?, ?)'),
      repoint: p('UPDATE events SET visitor_id = ? WHERE site_id = ? AND visitor_id = ?'),
      eventInsert: p(`INSERT OR IGNORE INTO events
        (site_id, uid, name_id, visitor_id, session_id, ts, received_at, path, url, referrer, props, value, lead, origin)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      sessionLatest: p(
        'SELECT id, start_ts AS start, end_ts AS "end" FROM sessions WHERE site_id = ? AND visitor_id = ? ORDER BY start_ts DESC LIMIT 1',
      ),
      sessionCovering: p(`SELECT id, start_ts AS start, end_ts AS "end" FROM sessions
        WHERE site_id = ? AND visitor_id = ? AND start_ts <= ? AND end_ts >= ? ORDER BY start_ts DESC LIMIT 1`),
      sessionInsert:
        p(`INSERT INTO sessions (site_id, visitor_id, start_ts, end_ts, landing_path, referrer_host, channel,
        utm_source, utm_medium, utm_campaign, device, browser, os, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      sessionSpan: p('UPDATE sessions SET start_ts = ?, end_ts = ? WHERE id = ?'),
      sessionDelete: p(
        'DELETE FROM sessions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM events WHERE session_id = ?)',
      ),
      markDirty: p(MARK_DIRTY_BLOCK_SQL),
    };
  }

  resetCaches(): void {
    this.names.clear();
    this.visitors.clear();
  }

  nameId(name: string): number {
    let id = this.names.get(name);
    if (id === undefined) {
      this.q.nameInsert!.run(name);
      id = (this.q.nameGet!.get(name) as { id: number }).id;
      if (this.names.size >= CACHE_CAP) this.names.clear();
      this.names.set(name, id);
    }
    return id;
  }

  visitorId(siteId: number, key: string, ts: number): number {
    const k = `${siteId}|${key}`;
    let id = this.visitors.get(k);
    if (id === undefined) {
      this.q.visitorInsert!.run(siteId, key, ts);
      id = (this.q.visitorGet!.get(siteId, key) as { id: number }).id;
      if (this.visitors.size >= CACHE_CAP) this.visitors.clear();
      this.visitors.set(k, id);
    }
    return id;
  }

  /** The web visitor a lead was identified as, or a stand-in visitor until `identify` links it. */
  visitorForLead(siteId: number, lead: string, ts: number): number {
    const row = this.q.leadGet!.get(siteId, lead) as { visitor_id: number } | undefined;
    return row ? row.visitor_id : this.visitorId(siteId, `l:${lead}`, ts);
  }

  /**
   * Links a lead to a web visitor; offline events stored for the lead before are moved onto that
   * visitor so they join its journey. The first link wins: a lead seen on a second device later
   * keeps its first journey.
   */
  linkLead(siteId: number, lead: string, visitorId: number, ts: number): void {
    if (this.q.leadGet!.get(siteId, lead)) return;
    this.q.leadInsert!.run(siteId, lead, visitorId, ts);
    const standIn = this.q.visitorGet!.get(siteId, `l:${lead}`) as { id: number } | undefined;
    if (standIn) this.q.repoint!.run(visitorId, siteId, standIn.id);
  }

  insertEvent(e: PendingEvent, nameId: number, visitorId: number, sessionId: number | null): boolean {
    return (
      this.q.eventInsert!.run(
        e.siteId,
        e.uid,
        nameId,
        visitorId,
        sessionId,
        e.ts,
        e.receivedAt,
        e.path,
        e.url,
        e.referrer,
        e.props,
        e.value,
        e.lead,
        e.origin,
      ).changes > 0
    );
  }

  latestSession(siteId: number, visitorId: number): SessionRow | undefined {
    return this.q.sessionLatest!.get(siteId, visitorId) as SessionRow | undefined;
  }

  sessionCovering(siteId: number, visitorId: number, ts: number, gap: number): SessionRow | undefined {
    return this.q.sessionCovering!.get(siteId, visitorId, ts + gap, ts - gap) as SessionRow | undefined;
  }

  insertSession(siteId: number, visitorId: number, ts: number, s: SessionSeed): number {
    return Number(
      this.q.sessionInsert!.run(
        siteId,
        visitorId,
        ts,
        ts,
        s.landingPath,
        s.referrerHost,
        s.channel,
        s.utmSource,
        s.utmMedium,
        s.utmCampaign,
        s.device,
        s.browser,
        s.os,
        s.country,
      ).lastInsertRowid,
    );
  }

  setSessionSpan(id: number, start: number, end: number): void {
    this.q.sessionSpan!.run(start, end, id);
  }

  markDirty(siteId: number, block: number): void {
    this.q.markDirty!.run(siteId, block);
  }

  deleteSessionIfEmpty(id: number): void {
    this.q.sessionDelete!.run(id, id);
  }
}
