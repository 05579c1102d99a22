import { compileConditions, type EventBlock, forEachEventBlock, sessionDimCode } from '../blocks';
import { pageMatches, pageMatchSql } from '../conditions/page-match';
import type { Db } from '../db/open-database';
import { DIMENSION_COUNT, type Dimension, dimensionIndex, type StepCondition } from '../model';
import type { ReportFilter } from '../reports/types';
import { TECHNICAL_EVENTS } from './event-filter';

/**
 * How far outside the range a scan reads, so a session that starts in the range is seen whole
 * (its pageviews after `to`) and one that started before it is not taken for a new one.
 */
export const SCAN_MARGIN_MS = 86_400_000;

export interface VisitScanOptions {
  /** Events that convert (bit 1 of `conv`): a goal's condition, or the contact touchpoints. */
  converted?: StepCondition | undefined;
  /** Also filter sessions by their landing page (`f.page` and `f.pageMatch`): the session reports. */
  landingPage?: boolean;
}

/** One visitor's events of one block, in time order, over the range and its margins. */
export interface VisitorRun {
  b: EventBlock;
  /** Block indices [start, end). */
  start: number;
  end: number;
  /** Whether the session passes the filters (offline events, session 0, never do). */
  keep(sess: number): boolean;
  /** Non-zero where the event converts (when `converted` was given). */
  conv: Int32Array | null;
}

export interface VisitScan {
  /** Name ids: pageview (-1 when the site has none), and 1 for touchpoints (not pageviews, not technical). */
  pageview: number;
  touchpoint: Uint8Array;
  /** A key for a block's path or dimension code that is the same across blocks (see texts). */
  key(b: EventBlock, code: number): number;
  /** The text of every key handed out. */
  texts(): Map<number, string>;
}

/**
 * Walks a site's packed event blocks (the funnel engine's columns: see collector/blocks) over a
 * report's range, one visitor at a time: the dashboard's page and engagement reports need each
 * session's events in order, which SQL would get by sorting the range's events by session.
 * Sessions are filtered by channel, device and country from the blocks' session dimensions.
 */
export function scanVisits(
  db: Db,
  f: ReportFilter,
  opts: VisitScanOptions,
  onVisitor: (run: VisitorRun, scan: VisitScan) => void,
): VisitScan {
  const lo = f.from - SCAN_MARGIN_MS;
  const hi = f.to + SCAN_MARGIN_MS;
  const names = new Map(db.prepare('SELECT name, id FROM names').raw(true).all() as [string, number][]);
  const maxName = Math.max(0, ...names.values());
  const touchpoint = new Uint8Array(maxName + 1).fill(1);
  touchpoint[0] = 0;
  for (const n of ['pageview', ...TECHNICAL_EVENTS]) {
    const id = names.get(n);
    if (id !== undefined) touchpoint[id] = 0;
  }
  const keys = new PathKeys(db, f.siteId);
  const scan: VisitScan = {
    pageview: names.get('pageview') ?? -1,
    touchpoint,
    key: (b, code) => keys.key(b, code),
    texts: () => keys.texts(),
  };
  const tests = sessionTests(db, f, opts.landingPage ?? false);
  const matcher = opts.converted
    ? compileConditions(db, f.siteId, [{ cond: opts.converted, bits: 1 }], lo, hi)
    : null;
  const cols = [
    ...new Set([
      'sess' as const,
      'path' as const,
      'num' as const,
      ...(tests.length ? (['sdim'] as const) : []),
      ...(matcher?.cols ?? []),
    ]),
  ];
  let conv = new Int32Array(0);
  db.transaction(() => {
    forEachEventBlock(db, { siteId: f.siteId, lo, hi, cols }, (b) => {
      if (matcher) {
        if (conv.length < b.n) conv = new Int32Array(b.n * 2);
        matcher.mask(b, conv);
      }
      let lastSess = 0;
      let lastOk = false;
      const keep = (s: number): boolean => {
        if (s === 0) return false;
        if (s !== lastSess) {
          lastSess = s;
          lastOk = tests.every((t) => t(b, s));
        }
        return lastOk;
      };
      const { runs, visitors } = b;
      for (let r = 0; r < visitors.length; r++)
        onVisitor({ b, start: runs[r]!, end: runs[r + 1]!, keep, conv: matcher ? conv : null }, scan);
    });
  })();
  return scan;
}

type SessionTest = (b: EventBlock, sess: number) => boolean;

/** The filters as tests on a session's dimension codes (dictionary ids, or a dirty block's local codes). */
function sessionTests(db: Db, f: ReportFilter, landing: boolean): SessionTest[] {
  const tests: SessionTest[] = [];
  const ids = (sql: { sql: string; params: unknown[] }) =>
    new Set(
      db
        .prepare(`SELECT id FROM funnel_paths WHERE site_id = ? AND ${sql.sql}`)
        .pluck(true)
        .all(f.siteId, ...sql.params) as number[],
    );
  const on = (dim: Dimension, ok: Set<number>, test: (text: string) => boolean) => {
    const d = dimensionIndex(dim);
    tests.push((b, s) => {
      const code = sessionDimCode(b.sdim!, d, s, DIMENSION_COUNT);
      if (code > 0) return ok.has(code);
      return code < 0 && test(b.localPaths!.get(code)!);
    });
  };
  const exact = (dim: Dimension, value: string | undefined) => {
    if (value !== undefined) on(dim, ids({ sql: 'path = ?', params: [value] }), (t) => t === value);
  };
  exact('channel', f.channel);
  exact('device', f.device);
  exact('country', f.country);
  if (landing && f.page !== undefined) {
    const { page, pageMatch } = f;
    on('landing_page', ids(pageMatchSql('path', page, pageMatch)), (t) => pageMatches(t, page, pageMatch));
  }
  return tests;
}

/**
 * Keys for path and dimension codes that hold across blocks: a packed block's code is a
 * dictionary id (used as is), a dirty block's negative code is local to it (turned into a
 * negative key per distinct text).
 */
class PathKeys {
  private readonly local = new Map<string, number>();
  private readonly used = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly siteId: number,
  ) {}

  key(b: EventBlock, code: number): number {
    if (code >= 0) {
      if (code > 0) this.used.add(code);
      return code;
    }
    const text = b.localPaths!.get(code)!;
    let k = this.local.get(text);
    if (k === undefined) this.local.set(text, (k = -(this.local.size + 1)));
    return k;
  }

  texts(): Map<number, string> {
    const out = new Map<number, string>();
    const rows = this.db
      .prepare(
        'SELECT id, path FROM funnel_paths WHERE site_id = ? AND id IN (SELECT value FROM json_each(?))',
      )
      .raw(true)
      .all(this.siteId, JSON.stringify([...this.used])) as [number, string][];
    for (const [id, path] of rows) out.set(id, path);
    for (const [text, k] of this.local) out.set(k, text);
    return out;
  }
}
