import { type Sql, sql } from '../sql';
import { propIntegerSql } from './json-prop-sql';

/**
 * An `engagement` event's engaged seconds and deepest scroll as the packed blocks' `num` column
 * holds them (blocks/event-number.ts: seconds clamped to 0 … 2^23 − 1, scroll to 0 … 100, each
 * SQLite's CAST of the prop AS INTEGER, 0 when absent), over `events` columns.
 */
export const engagedSecondsSql: Sql = sql`least(greatest(ifNull(${propIntegerSql('seconds')}, 0), 0), ${2 ** 23 - 1})`;
export const scrollDepthSql: Sql = sql`least(greatest(ifNull(${propIntegerSql('scroll')}, 0), 0), 100)`;
