import { api } from './api';

/** A funnel step as the API takes it: event names and/or a page pattern. */
export interface StepCondition { names?: string[]; page?: string; label?: string }
export type FunnelMode = 'ordered' | 'strict' | 'any';

/** Body of `POST /api/sites/:site/funnel` (collector/goals/funnel-schema.ts). */
export interface FunnelRequest {
  steps: StepCondition[];
  mode: FunnelMode;
  windowMinutes: number;
  from: number;
  to: number;
  breakdown?: 'channel' | 'utm_source' | 'utm_campaign' | 'device' | 'landing_page';
  utcOffsetMinutes?: number;
  trend?: boolean;
}

export interface StepReport {
  step: number; label: string; entered: number;
  conversionFromStart: number; conversionFromPrevious: number;
  dropOff: number; dropOffRate: number;
  medianMsFromPrevious: number | null; p75MsFromPrevious: number | null;
}

export interface FunnelResult {
  mode: FunnelMode;
  countBy: 'visitor' | 'session';
  steps: StepReport[];
  weakest: { step: number; dropOffRate: number } | null;
  conversion: number;
  breakdown?: { by: string; groups: { value: string | null; entered: number[]; conversion: number }[] };
}

/** Runs a funnel on the goals/funnels engine's route. */
export function runFunnel(site: string, req: FunnelRequest): Promise<FunnelResult> {
  return api<FunnelResult>(`/api/sites/${encodeURIComponent(site)}/funnel`, {
    method: 'POST', body: { utcOffsetMinutes: -new Date().getTimezoneOffset(), trend: false, ...req },
  });
}
