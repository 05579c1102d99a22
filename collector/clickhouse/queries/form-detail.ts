import type { FormDetailRow, ReportFilter } from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows, table } from './ch-context';
import { nameIn } from './condition-sql';
import { propTextSql } from './json-prop-sql';
import { num, webWhere } from './web-events';

type Count = string | number;

/** Fields listed per form: queries/get-touchpoint-detail.ts keeps the 20 most common. */
const FIELDS = 20;

/**
 * The forms detail of queries/get-touchpoint-detail.ts in ClickHouse: per form, starts, submits,
 * abandons and visitors, most events first; and the fields abandoned forms were left at, most
 * common first (an unnamed field, NULL, sorts first among equals as in SQLite).
 */
export async function formDetail(ctx: ChContext, f: ReportFilter, limit: number): Promise<FormDetailRow[]> {
  const events = table(ctx, 'events');
  const form = sql`ifNull(${propTextSql('form')}, '')`;
  const [forms, fields] = await Promise.all([
    queryRows<{ form: string; starts: Count; submits: Count; abandons: Count; visitors: Count }>(
      ctx,
      sql`SELECT ${form} AS form, countIf(name = 'form_start') AS starts, countIf(name = 'form_submit') AS submits,
        countIf(name = 'form_abandon') AS abandons, uniqExact(visitor) AS visitors
      FROM ${events} WHERE ${webWhere(f)} AND ${nameIn(['form_start', 'form_submit', 'form_abandon'])}
      GROUP BY form ORDER BY starts + submits + abandons DESC, form LIMIT ${Math.trunc(limit)}`,
    ),
    queryRows<{ form: string; field: string | null; count: Count }>(
      ctx,
      sql`SELECT ${form} AS form, ${propTextSql('field')} AS field, count() AS count
      FROM ${events} WHERE ${webWhere(f)} AND name = 'form_abandon'
      GROUP BY form, field ORDER BY count DESC, field NULLS FIRST LIMIT ${FIELDS} BY form`,
    ),
  ]);
  return forms.map((r) => {
    const starts = num(r.starts);
    const abandons = num(r.abandons);
    return {
      form: r.form,
      starts,
      submits: num(r.submits),
      abandons,
      visitors: num(r.visitors),
      abandonRate: starts > 0 ? Math.min(1, abandons / starts) : 0,
      fields: fields.filter((x) => x.form === r.form).map((x) => ({ field: x.field, count: num(x.count) })),
    };
  });
}
