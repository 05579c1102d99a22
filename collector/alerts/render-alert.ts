import type { AlertLine } from './alert-line';
import { type AlertTexts, TEXTS } from './alert-texts';
import type { AlertPayload, LeadInfo } from './alert-types';
import { digestLines } from './digest-lines';

export interface RenderedAlert {
  subject: string;
  /** Plain text: Telegram and the e-mail's text part. */
  text: string;
  /** The e-mail's simple HTML part; every value escaped. */
  html: string;
}

/** Leads named one by one in a grouped message; the rest are counted. */
const GROUP_LINES = 10;

type Line = AlertLine;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** `2026-12-04 10:03` on the site's clock. */
export function localStamp(iso: string, timeZone: string): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${f.format(new Date(iso))} (${timeZone})`;
}

function leadLines(t: AlertTexts, lead: LeadInfo, timeZone: string): Line[] {
  const source = [lead.source, lead.campaign].filter(Boolean).join(' / ') || lead.channel || t.none;
  const lines: Line[] = [
    { label: t.page, value: `${lead.page ?? t.none}${lead.detail ? ` (${lead.detail})` : ''}` },
    { label: t.source, value: source },
    { label: t.time, value: localStamp(lead.time, timeZone) },
  ];
  if (lead.landingPage && lead.landingPage !== lead.page)
    lines.push({ label: t.landing, value: lead.landingPage });
  if (lead.before.length)
    lines.push({
      label: t.before,
      value: lead.before
        .slice(-5)
        .map((s) => (s.page && s.name === 'pageview' ? s.page : (t.names[s.name] ?? s.name)))
        .join(' → '),
    });
  lines.push({ label: t.journey, value: lead.journeyUrl, href: lead.journeyUrl });
  if (lead.calledBackUrl)
    lines.push({ label: t.calledBack, value: lead.calledBackUrl, href: lead.calledBackUrl });
  if (lead.noAnswerUrl) lines.push({ label: t.noAnswer, value: lead.noAnswerUrl, href: lead.noAnswerUrl });
  return lines;
}

function headAndLines(p: AlertPayload, timeZone: string): { head: string; lines: Line[] } {
  const t = TEXTS[p.language];
  switch (p.type) {
    case 'test':
      return { head: t.test, lines: [{ label: t.time, value: localStamp(p.time, timeZone) }] };
    case 'lead':
      return { head: t.names[p.lead!.name] ?? p.lead!.name, lines: leadLines(t, p.lead!, timeZone) };
    case 'lead_group': {
      const g = p.group!;
      const shown = g.leads.slice(0, GROUP_LINES);
      const rest = g.count - shown.length;
      return {
        head: t.leadGroup(g.count, g.windowMinutes),
        lines: [
          ...shown.map((l) => ({
            value: `${localStamp(l.time, timeZone).slice(11, 16)} ${t.names[l.name] ?? l.name}: ${l.page ?? t.none}${l.detail ? ` (${l.detail})` : ''}`,
          })),
          ...(rest > 0 ? [{ value: t.more(rest) }] : []),
          { label: t.list, value: g.listUrl, href: g.listUrl },
        ],
      };
    }
    case 'reminder':
      return {
        head: `${t.reminder(p.standard!.minutes)}: ${t.names[p.lead!.name] ?? p.lead!.name}`,
        lines: [
          { label: t.deadline, value: localStamp(p.standard!.deadline, timeZone) },
          ...leadLines(t, p.lead!, timeZone),
        ],
      };
    case 'chain':
    case 'chain_resolved': {
      const c = p.chain!;
      const verb = p.type === 'chain_resolved' ? t.resolved : c.kind === 'drop' ? t.drop : t.spike;
      return {
        head: `${c.subject}: ${verb}`,
        lines: [
          { value: t.observed(c.observed, c.expected, c.windowHours) },
          ...(p.type === 'chain' ? [{ label: t.chance, value: c.probability.toExponential(1) }] : []),
        ],
      };
    }
    case 'digest': {
      const d = p.digest!;
      return {
        head: `${t.digest(d.period)} ${d.from.slice(0, 10)} … ${d.to.slice(0, 10)}`,
        lines: digestLines(t, d),
      };
    }
  }
}

/** The alert as people read it, in the site's language and on its clock. */
export function renderAlert(p: AlertPayload, timeZone = 'UTC'): RenderedAlert {
  const { head, lines } = headAndLines(p, timeZone);
  const subject = `${head} — ${p.site.domain}`;
  const text = [subject, ...lines.map((l) => (l.label ? `${l.label}: ${l.value}` : l.value))].join('\n');
  const cell = (l: Line) =>
    l.href ? `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label ?? l.value)}</a>` : escapeHtml(l.value);
  const html = [
    `<p><strong>${escapeHtml(subject)}</strong></p>`,
    '<table>',
    ...lines.map((l) =>
      l.href
        ? `<tr><td colspan="2">${cell(l)}</td></tr>`
        : `<tr><td>${escapeHtml(l.label ?? '')}</td><td>${cell(l)}</td></tr>`,
    ),
    '</table>',
  ].join('\n');
  return { subject, text, html };
}
