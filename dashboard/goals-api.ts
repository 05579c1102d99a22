import type { NewGoal } from '../collector/goals/goal-schema';
import type { Goal } from '../collector/model';
import type { GoalStats } from '../collector/reports/types';
import { api } from './api';

export type { Goal, GoalDefinition } from '../collector/model';
export type { GoalStats } from '../collector/reports/types';
export type GoalInput = NewGoal;

const base = (site: string) => `/api/sites/${encodeURIComponent(site)}/goals`;

/** The goals/funnels engine's goal routes, in one place so the views do not know their shape. */
export const listGoals = (site: string) => api<Goal[]>(base(site));
export const createGoal = (site: string, g: GoalInput) => api<Goal>(base(site), { method: 'POST', body: g });
export const updateGoal = (site: string, id: number, g: GoalInput) =>
  api<Goal>(`${base(site)}/${id}`, { method: 'PATCH', body: g });
/** `GET …/goals/:id` answers the goal with its stats for the range. */
export const goalStats = (site: string, id: number, range: { from: number; to: number }) =>
  api<{ stats: GoalStats }>(`${base(site)}/${id}`, {
    query: { from: range.from, to: range.to, utcOffsetMinutes: -new Date().getTimezoneOffset() },
  }).then((r) => r.stats);
export const deleteGoal = (site: string, id: number) =>
  api<null>(`${base(site)}/${id}`, { method: 'DELETE' });
