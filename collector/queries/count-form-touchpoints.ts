import type { Db } from '../db/open-database';
import type { TouchpointTally } from '../scorecard/scorecard-tallies';
import { formKey } from '../scorecard/touchpoint-kinds';

const START = 1;
const SUBMIT = 2;
const ABANDON = 4;
const INVALID = 8;
const FLAG: Record<string, number> = {
  form_start: START,
  form_submit: SUBMIT,
  form_abandon: ABANDON,
  form_invalid: INVALID,
};

interface FormAcc {
  events: number;
  first: Map<number, number>;
  /** Per session: flags, and the field named by its abandon and by its first blocked submit. */
  sessions: Map<number, { flags: number; abandonedAt: string | null; blockedAt: string | null }>;
}

const mostCommon = (values: (string | null)[]): string | null => {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts)
    if (best === null || n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
  return best;
};

/**
 * One touchpoint per form (its `form` prop) from its web events in [from, to): met at the
 * visitor's first event of it; checked per session that touched it: `form-abandoned` when the
 * session left it (form_abandon) without sending it, `form-blocked` when a submit was blocked by
 * validation (form_invalid). `convertedAt` holds when each converted visitor converted.
 */
export function countFormTouchpoints(
  db: Db,
  siteId: number,
  q: { from: number; to: number },
  convertedAt: ReadonlyMap<number, number>,
): TouchpointTally[] {
  // INDEXED BY: ordered by time, SQLite would rather walk every event of the range by time.
  const rows = db
    .prepare(`SELECT e.visitor_id, e.session_id, e.ts, n.name,
      CASE WHEN json_valid(e.props) THEN json_extract(e.props, '$.form') END,
      CASE WHEN json_valid(e.props) THEN json_extract(e.props, '$.field') END
    FROM events e INDEXED BY events_by_name JOIN names n ON n.id = e.name_id
    WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND e.session_id IS NOT NULL
      AND e.name_id IN (SELECT id FROM names WHERE name IN ('form_start', 'form_submit', 'form_abandon', 'form_invalid'))
    ORDER BY e.ts, e.id`)
    .raw(true)
    .all(siteId, q.from, q.to) as [number, number, number, string, unknown, unknown][];
  const forms = new Map<string, FormAcc>();
  for (const [visitor, session, ts, name, form, field] of rows) {
    const label = form === null || form === undefined || form === '' ? '(unnamed)' : String(form);
    let f = forms.get(label);
    if (!f) forms.set(label, (f = { events: 0, first: new Map(), sessions: new Map() }));
    f.events++;
    if (!f.first.has(visitor)) f.first.set(visitor, ts);
    let s = f.sessions.get(session);
    if (!s) f.sessions.set(session, (s = { flags: 0, abandonedAt: null, blockedAt: null }));
    s.flags |= FLAG[name]!;
    const at = field === null || field === undefined ? null : String(field);
    if (name === 'form_abandon') s.abandonedAt = at;
    if (name === 'form_invalid' && s.blockedAt === null) s.blockedAt = at;
  }
  return [...forms].map(([label, f]) => {
    let touched = 0;
    let touchedConverted = 0;
    for (const [visitor, t] of f.first) {
      const conv = convertedAt.get(visitor);
      if (conv === undefined) touched++;
      else if (t < conv) {
        touched++;
        touchedConverted++;
      }
    }
    const sessions = [...f.sessions.values()];
    const abandoned = sessions.filter((s) => s.flags & ABANDON && !(s.flags & SUBMIT));
    const blocked = sessions.filter((s) => s.flags & INVALID);
    return {
      key: formKey(label),
      name: 'form_start',
      label,
      kind: 'form',
      events: f.events,
      visitors: f.first.size,
      touched,
      touchedConverted,
      checks: {
        'form-abandoned': {
          checked: sessions.length,
          failed: abandoned.length,
          top: mostCommon(abandoned.map((s) => s.abandonedAt)),
        },
        'form-blocked': {
          checked: sessions.length,
          failed: blocked.length,
          top: mostCommon(blocked.map((s) => s.blockedAt)),
        },
      },
    };
  });
}
