import type { ClickHouseClient } from '@clickhouse/client';
import type { Db } from '../db/open-database';
import { LIMITS } from '../ingest/limits';
import { insertEventRows, insertLeadRows } from './insert-rows';
import { leadLinksOf } from './spool-lead-links';
import { type ClickHouseEventRow, readSpoolEvents } from './spool-rows';
import { type Shipment, SpoolState } from './spool-state';
import { ident, joinSql, sql } from './sql';

export interface ShipperOptions {
  client: ClickHouseClient;
  database: string;
  spool: Db;
  /** The spool's instance number (prepareSpool). */
  instance: number;
  /** A shipment is sent once this many events wait… */
  batchRows?: number;
  /** …or once the oldest waiting event is this old, whichever comes first. */
  maxWaitMs?: number;
  now?: () => number;
  /**
   * Look up by uid, before sending, the rows committed before this shipper started. A collector
   * killed between its commit and its answer had those batches retried to another collector (nginx
   * and the SDK retry), whose copy usually reached ClickHouse while this one was down.
   */
  checkEarlierRows?: boolean;
  /** Test hook: runs after ClickHouse took a shipment's rows, before they are marked shipped. */
  afterInsert?: (s: Shipment) => Promise<void> | void;
}

/** What a step did: events shipped, or how long to wait before the next look. */
export type Step = { shipped: number; waitMs: 0 } | { shipped: 0; waitMs: number };

/** Uids checked against ClickHouse per query: keeps the query text well under `max_query_size`. */
const CHECK_CHUNK = 1000;
/** How far a replayed web event's time may stray from its first copy's (the SDK recomputes its age). */
const REPLAY_SLACK_MS = 3_600_000;

const keyOf = (site: number, uid: string) => `${site}\u0000${uid}`;

/** Shipment ids: the spool's instance, then the first event id it holds (distinct per collector). */
export const batchId = (instance: number, firstId: number): string =>
  ((BigInt(instance) << 32n) | BigInt(firstId % 2 ** 32)).toString();

/**
 * Copies committed events from the SQLite spool to ClickHouse, in id order, exactly once.
 *
 * A shipment is recorded in the spool as in flight (and synced) before any row is sent, and marked
 * shipped only after ClickHouse answered. When the answer never came (a crash, a timeout, a lost
 * connection), the next step finds the record, waits until no insert of that shipment still runs
 * in ClickHouse, asks which of its rows arrived (`batch` column) and sends only the others. Events
 * older than what the spool still holds (an SDK may resend a day later; the spool forgets shipped
 * rows after its retention window) are looked up in ClickHouse by uid before they are sent.
 *
 * Reads never use FINAL, so this is what keeps every event counted once.
 */
export class Shipper {
  private readonly state: SpoolState;
  private readonly client: ClickHouseClient;
  private readonly db: string;
  private readonly spool: Db;
  private readonly instance: number;
  private readonly batchRows: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly afterInsert: ShipperOptions['afterInsert'];
  private attempt = 0;
  /** Spool ids up to here were committed before this start (checkEarlierRows). */
  private readonly checkUpTo: number;

  constructor(o: ShipperOptions) {
    this.client = o.client;
    this.db = o.database;
    this.spool = o.spool;
    this.instance = o.instance;
    this.batchRows = o.batchRows ?? 20_000;
    this.maxWaitMs = o.maxWaitMs ?? 1000;
    this.now = o.now ?? Date.now;
    this.afterInsert = o.afterInsert;
    this.state = new SpoolState(o.spool);
    this.checkUpTo = o.checkEarlierRows ? this.state.maxId : 0;
  }

  /** Events committed but not yet in ClickHouse, and when the oldest of them was received. */
  backlog(): { events: number; oldestAt: number | null } {
    const shipped = this.state.shipped;
    const events = Math.max(0, this.state.maxId - shipped);
    return { events, oldestAt: events ? this.state.oldestAfter(shipped) : null };
  }

  /** Completes a shipment left in flight, or sends the next one when it is due. */
  async step(): Promise<Step> {
    const pending = this.state.inFlight;
    if (pending) return { shipped: await this.complete(pending), waitMs: 0 };
    const after = this.state.shipped;
    const waiting = this.state.maxId - after;
    // How often an idle shipper looks for new events: a fraction of the wait, never a busy loop.
    const poll = Math.max(10, Math.min(250, this.maxWaitMs));
    if (waiting <= 0) return { shipped: 0, waitMs: poll };
    if (waiting < this.batchRows) {
      const oldest = this.state.oldestAfter(after) ?? this.now();
      const due = Math.min(oldest + this.maxWaitMs - this.now(), this.maxWaitMs);
      if (due > 0) return { shipped: 0, waitMs: Math.min(due, poll) };
    }
    return { shipped: await this.shipNext(after), waitMs: 0 };
  }

  private async shipNext(after: number): Promise<number> {
    const batch = batchId(this.instance, after + 1);
    const { rows, lastId } = readSpoolEvents(this.spool, after, this.batchRows, this.instance, batch);
    if (rows.length === 0) return 0;
    const shipment: Shipment = { batch, after, last: lastId, ...timeSpan(rows) };
    this.state.begin(shipment);
    const sent = await this.send(rows, shipment);
    this.state.finish(after, lastId);
    return sent;
  }

  /** A shipment whose answer was lost: only its rows ClickHouse does not have are sent. */
  private async complete(s: Shipment): Promise<number> {
    await this.stopEarlierInserts(s.batch);
    const after = this.state.shipped;
    const rows = this.readRange(after, s.last, s.batch);
    const arrived = await this.arrivedOf(s);
    const sent = await this.send(
      rows.filter((r) => !arrived.has(keyOf(r.site_id, r.uid))),
      s,
    );
    this.state.finish(after, s.last);
    return sent;
  }

  /** Rows after `after` up to `last`, read in one snapshot. */
  private readRange(after: number, last: number, batch: string): ClickHouseEventRow[] {
    return this.spool.transaction(() => {
      const n = this.spool
        .prepare('SELECT count(*) FROM events WHERE id > ? AND id <= ?')
        .pluck()
        .get(after, last) as number;
      return n ? readSpoolEvents(this.spool, after, n, this.instance, batch).rows : [];
    })();
  }

  private async send(rows: ClickHouseEventRow[], s: Shipment): Promise<number> {
    const fresh = await this.withoutReplays(rows);
    await insertLeadRows(this.client, this.db, leadLinksOf(this.spool, fresh));
    await insertEventRows(this.client, this.db, fresh, { queryId: `tp-ship-${s.batch}-${++this.attempt}` });
    await this.afterInsert?.(s);
    return fresh.length;
  }

  /**
   * An insert of this shipment that ClickHouse is still running (its answer was lost, or the last
   * process died with the body sent) is stopped, so the check that follows sees its final state.
   */
  private async stopEarlierInserts(batch: string): Promise<void> {
    await this.client.command({
      query: sql`KILL QUERY WHERE query_id LIKE ${`tp-ship-${batch}-%`} SYNC`.text,
    });
  }

  /** Which of a shipment's rows ClickHouse has (site and uid). */
  private async arrivedOf(s: Shipment): Promise<Set<string>> {
    const found = await this.query<{ site_id: number; uid: string }>(
      sql`SELECT site_id, uid FROM ${ident(this.db)}.events WHERE batch = ${BigInt(s.batch)}
        AND time >= toDateTime(${s.minTime}) AND time <= toDateTime(${s.maxTime})`.text,
    );
    return new Set(found.map((r) => keyOf(r.site_id, r.uid)));
  }

  /**
   * Drops rows ClickHouse already holds from a copy the spool does not have: an earlier copy it
   * pruned, or another collector's (checkEarlierRows). Only events that could have such a copy are
   * looked up: a pruned row was received before `prunedBefore`, so its time was at most a day (the
   * future an event may claim) later than that; a row committed before this start may have been
   * retried elsewhere.
   */
  private async withoutReplays(rows: ClickHouseEventRow[]): Promise<ClickHouseEventRow[]> {
    const prunedBefore = this.state.prunedBefore;
    if (prunedBefore === 0 && this.checkUpTo === 0) return rows;
    const horizon = prunedBefore ? prunedBefore + LIMITS.futureMs + REPLAY_SLACK_MS : 0;
    const old = rows.filter((r) => r.ts < horizon || spoolId(r) <= this.checkUpTo);
    if (old.length === 0) return rows;
    const seen = new Set<string>();
    const bySite = new Map<number, ClickHouseEventRow[]>();
    for (const r of old) {
      const list = bySite.get(r.site_id);
      if (list) list.push(r);
      else bySite.set(r.site_id, [r]);
    }
    for (const [site, list] of bySite) {
      for (let i = 0; i < list.length; i += CHECK_CHUNK) {
        const part = list.slice(i, i + CHECK_CHUNK);
        const span = timeSpan(part);
        const slack = Math.ceil(REPLAY_SLACK_MS / 1000);
        const found = await this.query<{ uid: string }>(
          sql`SELECT uid FROM ${ident(this.db)}.events WHERE site_id = ${site}
            AND time >= toDateTime(${Math.max(0, span.minTime - slack)}) AND time <= toDateTime(${span.maxTime + slack})
            AND uid IN (${joinSql(
              part.map((r) => sql`${r.uid}`),
              ', ',
            )})`.text,
        );
        for (const f of found) seen.add(keyOf(site, f.uid));
      }
    }
    return seen.size ? rows.filter((r) => !seen.has(keyOf(r.site_id, r.uid))) : rows;
  }

  private async query<T>(query: string): Promise<T[]> {
    return (await this.client.query({ query, format: 'JSONEachRow' })).json<T>();
  }
}

/** The spool row id of a row: the low 32 bits of `seq` (globalSession). */
const spoolId = (r: ClickHouseEventRow): number => Number(BigInt(r.seq) & 0xffff_ffffn);

function timeSpan(rows: readonly ClickHouseEventRow[]): { minTime: number; maxTime: number } {
  let minTime = Number.POSITIVE_INFINITY;
  let maxTime = 0;
  for (const r of rows) {
    if (r.time < minTime) minTime = r.time;
    if (r.time > maxTime) maxTime = r.time;
  }
  return { minTime: rows.length ? minTime : 0, maxTime };
}
