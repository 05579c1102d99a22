import { quantiles } from '../funnels/quantile';
import type { CallbackRequestRow, ResponseSlot } from '../reports/types';
import { type ClockZone, localTime, weekdayName } from './local-clock';

/**
 * A callback request and its answer, as an engine finds them (queries/callback-pairs.ts says how);
 * everything response speed reports is computed from these by the pure functions below.
 */
export interface CallbackPair {
  id: number;
  ts: number;
  visitor: number;
  lead: string | null;
  path: string | null;
  channel: string | null;
  /** utm_source, else the referrer's host, else `(direct)`; null without a session. */
  source: string | null;
  campaign: string | null;
  answeredAt: number | null;
  answeredBy: string | null;
}

/** What the per-request figures read of a pair: everything but the engine's own ids. */
export type AnsweredRequest = Omit<CallbackPair, 'id' | 'visitor'>;

const waited = (p: AnsweredRequest) => (p.answeredAt === null ? null : p.answeredAt - p.ts);
const onTime = (p: AnsweredRequest, standardMs: number) =>
  p.answeredAt !== null && p.answeredAt - p.ts <= standardMs;

export interface ResponseTotals {
  requests: number;
  answered: number;
  unanswered: number;
  medianMs: number | null;
  p90Ms: number | null;
  withinStandard: number;
  withinStandardShare: number;
}

/** Requests, answers, median and p90 wait of the answered, and the share answered within the standard. */
export function summarizeResponses(pairs: readonly CallbackPair[], standardMs: number): ResponseTotals {
  const times = pairs.map(waited).filter((t): t is number => t !== null);
  const [medianMs, p90Ms] = quantiles(times, [0.5, 0.9]);
  const within = pairs.filter((p) => onTime(p, standardMs)).length;
  return {
    requests: pairs.length,
    answered: times.length,
    unanswered: pairs.length - times.length,
    medianMs: medianMs ?? null,
    p90Ms: p90Ms ?? null,
    withinStandard: within,
    withinStandardShare: pairs.length ? within / pairs.length : 0,
  };
}

function slot(label: string, pairs: readonly CallbackPair[], standardMs: number): ResponseSlot {
  const s = summarizeResponses(pairs, standardMs);
  return {
    label,
    requests: s.requests,
    answered: s.answered,
    withinStandard: s.withinStandard,
    late: s.requests - s.withinStandard,
    medianMs: s.medianMs,
  };
}

/** The same figures by the local hour (0–23) and weekday (Monday first) each request came in. */
export function responseByClock(
  pairs: readonly CallbackPair[],
  standardMs: number,
  zone: ClockZone,
): { byHour: ResponseSlot[]; byWeekday: ResponseSlot[] } {
  const hours: CallbackPair[][] = Array.from({ length: 24 }, () => []);
  const days: CallbackPair[][] = Array.from({ length: 7 }, () => []);
  for (const p of pairs) {
    const { hour, weekday } = localTime(p.ts, zone);
    hours[hour]!.push(p);
    days[weekday]!.push(p);
  }
  return {
    byHour: hours.map((list, h) => slot(`${String(h).padStart(2, '0')}:00`, list, standardMs)),
    byWeekday: days.map((list, d) => slot(weekdayName(d), list, standardMs)),
  };
}

export type RequestStatus = CallbackRequestRow['status'];

/** Each request with how long it waited and whether that met the standard; newest first. */
export function callbackRequestRows(
  pairs: readonly AnsweredRequest[],
  standardMs: number,
  zone: ClockZone,
): CallbackRequestRow[] {
  return pairs
    .map((p): CallbackRequestRow => {
      const { hour, weekday } = localTime(p.ts, zone);
      return {
        ts: p.ts,
        localHour: hour,
        localWeekday: weekdayName(weekday),
        path: p.path,
        channel: p.channel,
        source: p.source,
        campaign: p.campaign,
        lead: p.lead,
        waitedMs: waited(p),
        answeredBy: p.answeredBy,
        status: p.answeredAt === null ? 'unanswered' : onTime(p, standardMs) ? 'on-time' : 'late',
      };
    })
    .reverse();
}
