import { refreshEventBlocks } from '../../collector/blocks';
import type { Db } from '../../collector/db/open-database';
import { createGoal, listGoals } from '../../collector/goals/goal-store';
import type { PendingEvent } from '../../collector/ingest/pending-event';
import type { Goal, GoalDefinition, Site } from '../../collector/model';
import { EventWriter } from '../../collector/store/event-writer';

/** The clinic's goals: what its owner would set up. "Booked" is the one the scorecard is read against. */
export const CLINIC_GOALS: readonly { key: ClinicGoalKey; name: string; definition: GoalDefinition }[] = [
  { key: 'booked', name: 'Booked appointment', definition: { kind: 'event', name: 'appointment_booked' } },
  { key: 'callback', name: 'Callback requested', definition: { kind: 'event', name: 'callback_request' } },
  { key: 'deal', name: 'Deal won', definition: { kind: 'event', name: 'deal_won' } },
];
export type ClinicGoalKey = 'booked' | 'callback' | 'deal';

const BATCH = 5000;

/**
 * Writes generated clinic events into `site` through the collector's real write path (the event
 * writer: visitors, sessions, lead links, dirty blocks), packs the funnel blocks, and creates the
 * clinic's goals (those it has already are kept). Answers the goals by key.
 */
export async function loadClinic(
  db: Db,
  site: Site,
  events: readonly PendingEvent[],
): Promise<Record<ClinicGoalKey, Goal>> {
  const writer = new EventWriter(db);
  try {
    for (let i = 0; i < events.length; i += BATCH)
      await writer.write(events.slice(i, i + BATCH).map((e) => ({ ...e, siteId: site.id })));
  } finally {
    await writer.close();
  }
  refreshEventBlocks(db, { siteIds: [site.id] });
  const have = new Map(listGoals(db, site.id).map((g) => [g.name, g]));
  const goals = {} as Record<ClinicGoalKey, Goal>;
  for (const g of CLINIC_GOALS)
    goals[g.key] = have.get(g.name) ?? createGoal(db, site.id, { name: g.name, definition: g.definition })!;
  return goals;
}
