import { joinSql, type Sql, sql } from '../sql';

/**
 * The sum of `value` over a group, added in the order of `order` (ascending) from 0, as the SQLite
 * engine adds in JavaScript: Float64 addition depends on its order, and sum() has none.
 */
export function orderedSumSql(order: readonly Sql[], value: Sql): Sql {
  const n = order.length + 1;
  return sql`arraySum(arrayMap(x -> tupleElement(x, ${n}), arraySort(groupArray((${joinSql(order, ', ')}, ${value})))))`;
}
