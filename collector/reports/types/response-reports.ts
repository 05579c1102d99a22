export interface ResponseSpeedQuery {
  from: number;
  to: number;
  /** Reaction time that meets the standard (default 15 minutes). */
  standardMs?: number;
  requestName?: string;
  answerNames?: readonly string[];
  /** Where hours and weekdays are read: an IANA zone (default UTC) or, when given, a fixed offset. */
  timeZone?: string;
  utcOffsetMinutes?: number;
}

export interface ResponseSpeed {
  from: number;
  to: number;
  standardMs: number;
  requests: number;
  answered: number;
  unanswered: number;
  medianMs: number | null;
  p90Ms: number | null;
  withinStandard: number;
  /** withinStandard ÷ requests (an unanswered request never meets the standard). */
  withinStandardShare: number;
  /** The clock `byHour` and `byWeekday` are read on: the zone's name, or `UTC+03:00` for an offset. */
  clock: string;
  /** 24 slots by the local hour a request came in, then 7 by weekday, Monday first. */
  byHour: ResponseSlot[];
  byWeekday: ResponseSlot[];
}

/** Response speed of the callback requests that came in one hour of the day, or one weekday. */
export interface ResponseSlot {
  /** `09:00` or `Mon`. */
  label: string;
  requests: number;
  answered: number;
  withinStandard: number;
  /** Not returned within the standard, unanswered ones included. */
  late: number;
  medianMs: number | null;
}

/** One callback request: when, where from, and how long it waited for the call. */
export interface CallbackRequestRow {
  ts: number;
  /** The request's hour and weekday on the report's clock. */
  localHour: number;
  localWeekday: string;
  path: string | null;
  channel: string | null;
  source: string | null;
  campaign: string | null;
  /** The CRM's lead id the page identified the visitor with, to find the person; null without one. */
  lead: string | null;
  /** ms until the first callback_made or call_answered; null when never answered. */
  waitedMs: number | null;
  answeredBy: string | null;
  status: 'on-time' | 'late' | 'unanswered';
}

export interface CallbackRequestQuery extends ResponseSpeedQuery {
  /** Which requests: `missed` (late or unanswered, the default), `late`, `unanswered` or `all`. */
  status?: 'missed' | 'late' | 'unanswered' | 'all';
  /** At most this many rows, newest first (`total` counts them all). */
  limit?: number;
}

export interface CallbackRequestList {
  from: number;
  to: number;
  standardMs: number;
  clock: string;
  status: NonNullable<CallbackRequestQuery['status']>;
  total: number;
  rows: CallbackRequestRow[];
}
