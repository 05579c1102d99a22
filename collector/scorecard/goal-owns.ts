import { matchesUrl, patternToRegExp } from '../conditions/page-pattern';
import { goalCondition } from '../goals/goal-condition';
import { CONTACT_NAMES, type GoalDefinition, type StepCondition } from '../model';
import type { TouchpointKind } from '../reports/types';

/** The condition of the events that are the goal itself: a composite goal's last step. */
function ownCondition(goal: GoalDefinition | null): StepCondition {
  if (!goal) return { names: [...CONTACT_NAMES] };
  if (goal.kind === 'composite') return goal.steps[goal.steps.length - 1]!;
  return goalCondition(goal)!;
}

/**
 * True when a touchpoint is the goal's own: its events are (some of) the conversions, so rating it
 * against the goal would only say that converting converts. Names match by name (a goal's prop
 * filters make it part of the name's events, still the goal's); pages by the goal's page pattern;
 * a form is the goal's only when the goal is its start.
 */
export function goalOwns(
  goal: GoalDefinition | null,
  t: { kind: TouchpointKind; name: string; label: string },
): boolean {
  const cond = ownCondition(goal);
  const names = cond.names ?? ['pageview'];
  if (!names.includes(t.name)) return false;
  if (t.kind !== 'page') return true;
  if (cond.page === undefined) return true;
  return !matchesUrl(cond.page) && patternToRegExp(cond.page).test(t.label);
}

/** Names whose events are the goal's own, whatever page they are on (for the outcome list). */
export function goalOwnsName(goal: GoalDefinition | null, name: string): boolean {
  const cond = ownCondition(goal);
  return name !== 'pageview' && (cond.names ?? ['pageview']).includes(name);
}
