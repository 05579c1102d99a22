import type { Db } from '../db/open-database';
import type { DetailKind, ReportFilter, TouchpointDetail } from '../reports/types';
import { eventFilterSql } from './event-filter';

/** Web events of the given names in the range, filtered as every report is (index: events_by_name). */
function named(f: ReportFilter, names: readonly string[]) {
  const q = eventFilterSql(f);
  return {
    from: q.from,
    where: `${q.where} AND e.name_id IN (SELECT id FROM names WHERE name IN (${names.map(() => '?').join(', ')}))`,
    params: [...q.params, ...names],
  };
}

/** A prop as text, only from valid JSON (a malformed row must not fail the query). */
const prop = (key: string) => `(CASE WHEN json_valid(e.props) THEN json_extract(e.props, '$.${key}') END)`;

/**
 * The detail behind one touchpoint row of the overview:
 * - forms: per form, starts, submits, abandons, and the field abandoned forms were left at;
 * - not_found: per missing page, hits, visitors and the pages or sites that linked to it;
 * - messenger_click: per messenger; file_download: per file; site_search: searches per page;
 * - review_submit: count, average rating and each rating's count, overall and per page.
 */
export function getTouchpointDetail(
  db: Db,
  f: ReportFilter,
  kind: DetailKind,
  limit = 100,
): TouchpointDetail {
  const all = <T>(sql: string, params: unknown[]) => db.prepare(sql).all(...params) as T[];
  switch (kind) {
    case 'forms': {
      const q = named(f, ['form_start', 'form_submit', 'form_abandon']);
      const forms = all<{
        form: string;
        starts: number;
        submits: number;
        abandons: number;
        visitors: number;
      }>(
        `SELECT coalesce(${prop('form')}, '') AS form,
           sum(n.name = 'form_start') AS starts, sum(n.name = 'form_submit') AS submits,
           sum(n.name = 'form_abandon') AS abandons, count(DISTINCT e.visitor_id) AS visitors
         ${q.from} WHERE ${q.where} GROUP BY form ORDER BY starts + submits + abandons DESC, form LIMIT ${limit}`,
        q.params,
      );
      const a = named(f, ['form_abandon']);
      const fields = all<{ form: string; field: string | null; count: number }>(
        `SELECT coalesce(${prop('form')}, '') AS form, ${prop('field')} AS field, count(*) AS count
         ${a.from} WHERE ${a.where} GROUP BY form, field ORDER BY count DESC, field`,
        a.params,
      );
      return {
        kind,
        rows: forms.map((r) => ({
          ...r,
          abandonRate: r.starts > 0 ? Math.min(1, r.abandons / r.starts) : 0,
          fields: fields
            .filter((x) => x.form === r.form)
            .slice(0, 20)
            .map(({ field, count }) => ({ field, count })),
        })),
      };
    }
    case 'not_found': {
      const q = named(f, ['not_found']);
      const pages = all<{ path: string | null; count: number; visitors: number }>(
        `SELECT e.path AS path, count(*) AS count, count(DISTINCT e.visitor_id) AS visitors
         ${q.from} WHERE ${q.where} GROUP BY e.path ORDER BY count DESC, path LIMIT ${limit}`,
        q.params,
      );
      const refs = all<{ path: string | null; referrer: string | null; count: number }>(
        `SELECT e.path AS path, e.referrer AS referrer, count(*) AS count
         ${q.from} WHERE ${q.where} GROUP BY e.path, e.referrer ORDER BY count DESC, referrer`,
        q.params,
      );
      return {
        kind,
        rows: pages.map((p) => ({
          ...p,
          referrers: refs
            .filter((r) => r.path === p.path)
            .slice(0, 10)
            .map(({ referrer, count }) => ({ referrer, count })),
        })),
      };
    }
    case 'review_submit': {
      const q = named(f, ['review_submit']);
      const rating = `CAST(${prop('rating')} AS REAL)`;
      const ok = `${rating} BETWEEN 1 AND 5`;
      const total = db
        .prepare(
          `SELECT count(*) AS count, avg(CASE WHEN ${ok} THEN ${rating} END) AS average ${q.from} WHERE ${q.where}`,
        )
        .get(...q.params) as { count: number; average: number | null };
      const ratings = all<{ rating: number; count: number }>(
        `SELECT CAST(round(${rating}) AS INTEGER) AS rating, count(*) AS count ${q.from}
         WHERE ${q.where} AND ${ok} GROUP BY 1 ORDER BY 1`,
        q.params,
      );
      const rows = all<{ path: string | null; count: number; average: number | null }>(
        `SELECT e.path AS path, count(*) AS count, avg(CASE WHEN ${ok} THEN ${rating} END) AS average
         ${q.from} WHERE ${q.where} GROUP BY e.path ORDER BY count DESC, path LIMIT ${limit}`,
        q.params,
      );
      return { kind, ...total, ratings, rows };
    }
    default: {
      // One prop (or the page) per row: which messenger, which file, which page was searched.
      const by = { messenger_click: prop('messenger'), file_download: prop('file'), site_search: 'e.path' }[
        kind
      ];
      const q = named(f, [kind]);
      const rows = all<{ key: string | null; count: number; visitors: number }>(
        `SELECT ${by} AS key, count(*) AS count, count(DISTINCT e.visitor_id) AS visitors
         ${q.from} WHERE ${q.where} GROUP BY 1 ORDER BY count DESC, key LIMIT ${limit}`,
        q.params,
      );
      return { kind, rows };
    }
  }
}
