import type { Db } from '../db/open-database';
import type { Site } from '../model';
import { getSiteById } from '../store/sites';
import { type AlertSettings, LEAD_KINDS, type LeadInfo } from './alert-types';
import { callbackLinks } from './callback-link';
import { enqueueLead, stormRule } from './lead-storm';
import { makePayload } from './make-payload';
import { journeyBefore, sessionFacts } from './read-journey';
import { getAlertSettings } from './settings-store';

const CURSOR_KEY = 'alerts.lead_cursor';
/** Events read per pass; a pass that fills it runs again at once. */
export const LEAD_SCAN_BATCH = 2000;

export interface LeadRow {
  id: number;
  site_id: number;
  name: string;
  visitor_id: number;
  session_id: number | null;
  ts: number;
  path: string | null;
  props: string | null;
  lead: string | null;
}

const propOf = (props: string | null, key: string): string | null => {
  if (!props) return null;
  try {
    const v = (JSON.parse(props) as Record<string, unknown>)[key];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  } catch {
    return null;
  }
};

/** Whether the site counts this touchpoint as a lead (its kinds; for form submits, its forms). */
export function isLead(settings: AlertSettings, name: string, props: string | null): boolean {
  if (!(settings.leadKinds as string[]).includes(name)) return false;
  if (name === 'form_submit' && settings.forms.length)
    return settings.forms.includes(propOf(props, 'form') ?? '');
  return true;
}

export const journeyUrl = (publicUrl: string, site: Site, visitor: number): string =>
  `${publicUrl}/#/alerts?site=${encodeURIComponent(site.publicId)}&visitor=${visitor}`;

/** A lead touchpoint with what led to it. Only names, pages and the form/widget/messenger label. */
export function leadInfo(db: Db, site: Site, r: LeadRow, publicUrl: string, now: number): LeadInfo {
  const detail = propOf(r.props, 'form') ?? propOf(r.props, 'widget') ?? propOf(r.props, 'messenger');
  const info: LeadInfo = {
    name: r.name,
    time: new Date(r.ts).toISOString(),
    page: r.path,
    detail,
    visitor: r.visitor_id,
    lead: r.lead,
    ...sessionFacts(db, r.session_id),
    before: journeyBefore(db, site.id, r.visitor_id, r.ts, r.id),
    journeyUrl: journeyUrl(publicUrl, site, r.visitor_id),
  };
  if (r.name === 'callback_request') Object.assign(info, callbackLinks(site, r.id, publicUrl, now));
  return info;
}

export const LEAD_ROW_SQL = `SELECT e.id, e.site_id, n.name, e.visitor_id, e.session_id, e.ts, e.path, e.props, e.lead
  FROM events e JOIN names n ON n.id = e.name_id`;

/**
 * One pass: every lead touchpoint stored since the last pass becomes a `lead` alert in the outbox,
 * in the same transaction that moves the cursor, so a crash repeats the pass (the outbox's unique
 * key drops the repeats) and never skips one; past a channel's rate limit it joins a grouped
 * message (lead-storm.ts). The first pass starts at the newest event: history
 * is not alerted. Answers how many alerts were queued, and whether more events wait (a full batch).
 */
export function detectLeads(db: Db, publicUrl: string, now: number): { queued: number; more: boolean } {
  const cursorRow = db.prepare('SELECT value FROM settings WHERE key = ?').get(CURSOR_KEY) as
    | { value: string }
    | undefined;
  const { top } = db.prepare('SELECT coalesce(max(id), 0) AS top FROM events').get() as { top: number };
  const from = cursorRow ? Number(cursorRow.value) : top;
  const to = Math.min(top, from + LEAD_SCAN_BATCH);
  let queued = 0;
  db.transaction(() => {
    if (to > from) {
      const rows = db
        .prepare(
          `${LEAD_ROW_SQL} WHERE e.id > ? AND e.id <= ? AND n.name IN (${LEAD_KINDS.map(() => '?').join(',')}) ORDER BY e.id`,
        )
        .all(from, to, ...LEAD_KINDS) as LeadRow[];
      const sites = new Map<number, { site: Site; settings: AlertSettings } | null>();
      for (const r of rows) {
        if (!sites.has(r.site_id)) {
          const site = getSiteById(db, r.site_id);
          sites.set(r.site_id, site ? { site, settings: getAlertSettings(db, site.id) } : null);
        }
        const s = sites.get(r.site_id);
        if (!s || !isLead(s.settings, r.name, r.props)) continue;
        const payload = makePayload(s.site, 'lead', `lead-${r.id}`, now, s.settings.language, {
          lead: leadInfo(db, s.site, r, publicUrl, now),
        });
        queued += enqueueLead(db, s.site, payload, now, publicUrl, stormRule(s.settings.leadBurst));
      }
    }
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(CURSOR_KEY, String(Math.max(to, from)));
  })();
  return { queued, more: to < top };
}
