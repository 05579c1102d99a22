/**
 * What the reports answer: plain data in and out, the same from every storage engine (the SQLite
 * queries and the ClickHouse ones). The dashboard imports these types as they are.
 *
 * One file per family of reports under types/; this file gathers them, so callers import from one place.
 */

export type * from './types/conversion-reports';
export type * from './types/export-summary';
export type * from './types/funnel-reports';
export type * from './types/goal-reports';
export type * from './types/page-reports';
export type * from './types/response-reports';
export type * from './types/scorecard-reports';
export type * from './types/web-reports';
