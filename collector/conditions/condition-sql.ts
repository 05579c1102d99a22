import type { StepCondition } from '../model';
import { matchesUrl, patternToGlob } from './page-pattern';
import { propFilterSql } from './prop-filter-sql';

/** A predicate over events aliased `e` that holds when the event matches `cond`; values bound. */
export function conditionSql(cond: StepCondition): { sql: string; params: unknown[] } {
  const names = cond.names ?? ['pageview'];
  const parts = [`e.name_id IN (SELECT id FROM names WHERE name IN (${names.map(() => '?').join(',')}))`];
  const params: unknown[] = [...names];
  if (cond.page !== undefined) {
    parts.push(matchesUrl(cond.page) ? 'e.url GLOB ?' : 'e.path GLOB ?');
    params.push(patternToGlob(cond.page));
  }
  if (cond.props?.length) {
    const f = propFilterSql(cond.props, 'e.props');
    parts.push(f.sql);
    params.push(...f.params);
  }
  return { sql: parts.join(' AND '), params };
}
