import type { FunnelBodyInput } from '../collector/http/funnel-body';
import type { StepCondition as Condition } from '../collector/model';
import type { FunnelResult } from '../collector/reports/types';
import { api } from './api';

export type { FunnelMode } from '../collector/model';
/** A funnel step as the dashboard builds it: a condition with the label it shows. */
export type StepCondition = Condition & { label?: string };
export type { FunnelResult, StepReport } from '../collector/reports/types';
/** Body of `POST /api/sites/:site/funnel`, as the collector's schema takes it. */
export type FunnelRequest = FunnelBodyInput;

/** Runs a funnel on the goals/funnels engine's route. */
export function runFunnel(site: string, req: FunnelRequest): Promise<FunnelResult> {
  return api<FunnelResult>(`/api/sites/${encodeURIComponent(site)}/funnel`, {
    method: 'POST',
    body: { utcOffsetMinutes: -new Date().getTimezoneOffset(), trend: false, ...req },
  });
}
