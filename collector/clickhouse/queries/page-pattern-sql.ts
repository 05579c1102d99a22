import { matchesUrl } from '../../conditions/page-pattern';
import { type Sql, sql } from '../sql';

/**
 * A page pattern (conditions/page-pattern.ts: `*` is any run of characters, the rest literal,
 * anchored, case-sensitive) as a ClickHouse LIKE on the path, or on the URL when the pattern
 * starts with a scheme: `*` becomes `%`, and LIKE's own `%`, `_` and `\` are escaped.
 */
export function pagePatternSql(pattern: string, pathColumn: 'path' | 'landing_path' = 'path'): Sql {
  const like = pattern
    .split('*')
    .map((s) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`))
    .join('%');
  if (matchesUrl(pattern)) return sql`like(url, ${like})`;
  return pathColumn === 'path' ? sql`like(path, ${like})` : sql`like(landing_path, ${like})`;
}
