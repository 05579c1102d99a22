import { CONTACT_NAMES, type GoalDefinition, type StepCondition } from '../model';

/** The single-event condition of a page, event or contact goal; null for composite goals. */
export function goalCondition(def: GoalDefinition): StepCondition | null {
  switch (def.kind) {
    case 'page':
      return { names: ['pageview'], page: def.pattern };
    case 'event':
      return { names: [def.name], props: def.props };
    case 'contact':
      return { names: [...(def.names ?? CONTACT_NAMES)] };
    case 'composite':
      return null;
  }
}
