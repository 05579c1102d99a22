import type { FunnelBodyInput } from '../collector/http/funnel-body';
import type { FunnelStepCondition as Condition } from '../collector/model';
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

/** A funnel kept under a name: the funnel body without its range (picked when it is run). */
export interface SavedFunnel {
  id: number;
  name: string;
  definition: Omit<FunnelRequest, 'from' | 'to' | 'utcOffsetMinutes'>;
}

const saved = (site: string) => `/api/sites/${encodeURIComponent(site)}/funnels`;
export const listSavedFunnels = (site: string) => api<SavedFunnel[]>(saved(site));
export const saveFunnel = (site: string, name: string, definition: SavedFunnel['definition']) =>
  api<SavedFunnel>(saved(site), { method: 'POST', body: { name, definition } });
export const deleteSavedFunnel = (site: string, id: number) =>
  api<null>(`${saved(site)}/${id}`, { method: 'DELETE' });
