import type { GoalDefinition } from './goals-api';
import { t } from './i18n';
import { touchpointTitle } from './touchpoint-label';

/** What a goal counts, in words: "page /thanks", "Form sent (form_submit)", "any contact". */
export function describeGoal(d: GoalDefinition): string {
  if (d.kind === 'page') return t('goals.describe.page', { pattern: d.pattern });
  if (d.kind === 'event') return touchpointTitle(d.name);
  if (d.kind === 'contact')
    return d.names?.length
      ? t('goals.describe.contactOf', { names: d.names.map(touchpointTitle).join(', ') })
      : t('goals.describe.contact');
  return t('goals.describe.composite', { n: d.steps.length });
}
