import type { TouchpointRating } from '../reports/types';

/** Alert channels, per-site alert settings and the versioned alert payload (docs/alerts.md). */

export type ChannelKind = 'webhook' | 'telegram' | 'email';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['webhook', 'telegram', 'email'];

export interface WebhookConfig {
  url: string;
  /** HMAC-SHA256 key of the signature header; set by the owner, never answered in full. */
  secret: string;
}

export interface TelegramConfig {
  botToken: string;
  chatId: string;
  /** Bot API base; a test points it at a local fake. */
  apiBase: string;
}

export interface EmailConfig {
  host: string;
  port: number;
  /** TLS from the first byte (465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  to: string[];
}

export type ChannelConfig =
  | { kind: 'webhook'; config: WebhookConfig }
  | { kind: 'telegram'; config: TelegramConfig }
  | { kind: 'email'; config: EmailConfig };

export type AlertChannel = ChannelConfig & {
  id: number;
  siteId: number;
  name: string;
  enabled: boolean;
  createdAt: number;
};

/** Touchpoints that can count as a lead (DESIGN.md names). */
export const LEAD_KINDS = [
  'callback_request',
  'form_submit',
  'chat_open',
  'messenger_click',
  'call_click',
] as const;
export type LeadKind = (typeof LEAD_KINDS)[number];

export type AlertLanguage = 'en' | 'ru';

export interface BusinessHours {
  /** Open weekdays, 0 = Monday … 6 = Sunday. */
  days: number[];
  /** Local `HH:MM`, open ≤ t < close. */
  open: string;
  close: string;
}

export interface AlertSettings {
  language: AlertLanguage;
  /** Which touchpoints alert as leads. */
  leadKinds: LeadKind[];
  /** form_submit alerts only for these forms (the `form` prop); empty: every valid submit. */
  forms: string[];
  /** When the response standard's clock runs; null: around the clock. */
  businessHours: BusinessHours | null;
  /** Standard-breach reminders for callback requests. */
  reminders: boolean;
  /** Broken-chain alerts (docs/alerts.md#broken-chain-alerts). */
  chainAlerts: boolean;
  digest: 'weekly' | 'daily' | 'off';
  /**
   * No storm: at most `limit` lead alerts per channel within `windowMinutes`, the rest grouped
   * (lead-storm.ts); null sends every lead alone (a CRM webhook that files each lead).
   */
  leadBurst: { limit: number; windowMinutes: number } | null;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  language: 'en',
  leadKinds: ['callback_request', 'chat_open'],
  forms: [],
  businessHours: null,
  reminders: true,
  chainAlerts: true,
  digest: 'weekly',
  leadBurst: { limit: 5, windowMinutes: 5 },
};

export type AlertType = 'lead' | 'lead_group' | 'test' | 'reminder' | 'chain' | 'chain_resolved' | 'digest';

export interface JourneyStep {
  name: string;
  time: string;
  page: string | null;
}

/** A lead touchpoint with what led to it; no IP, no form values, no contact the visitor typed. */
export interface LeadInfo {
  name: string;
  time: string;
  page: string | null;
  /** The `form`, `widget` or `messenger` prop, when the touchpoint has one. */
  detail: string | null;
  visitor: number;
  lead: string | null;
  landingPage: string | null;
  channel: string | null;
  source: string | null;
  campaign: string | null;
  /** Touchpoints of the visitor before this one, oldest first (at most 20). */
  before: JourneyStep[];
  journeyUrl: string;
  /** One-time signed links, on callback requests only. */
  calledBackUrl?: string;
  noAnswerUrl?: string;
}

/** Lead alerts past a channel's rate limit, sent as one message when the window closes. */
export interface LeadGroupInfo {
  /** Every lead alert held in the group (`leads` may list fewer). */
  count: number;
  windowMinutes: number;
  /** The first held lead alert's time, and the window's end. */
  from: string;
  to: string;
  /** The dashboard's delivery log, where each held lead alert is a row. */
  listUrl: string;
  /** The first GROUP_MAX_LEADS held leads, oldest first, each with its own alert id. */
  leads: (LeadInfo & { alertId: string })[];
}

export interface ChainInfo {
  rule: string;
  /** What stopped or surged, for people (`form_submit on #booking`). */
  subject: string;
  kind: 'drop' | 'spike';
  windowHours: number;
  observed: number;
  expected: number;
  /** P(observed or more extreme | expected), Poisson. */
  probability: number;
}

export interface DigestInfo {
  period: 'weekly' | 'daily';
  from: string;
  to: string;
  visitors: { current: number; previous: number };
  leads: { current: number; previous: number };
  conversions: { current: number; previous: number };
  /** Always null: kept for version 1 receivers; each saved funnel's weakest link is in `funnels`. */
  weakestLink: null;
  /** Saved funnels (the first DIGEST_MAX_FUNNELS by name) as the funnel report runs them over the period. */
  funnels: DigestFunnel[];
  /** Scorecard touchpoints (against any contact) whose rating differs from the period before. */
  ratingChanges: {
    key: string;
    label: string;
    from: TouchpointRating;
    to: TouchpointRating;
    reason: string;
  }[];
  /** Callback requests against the site's response standard (the response-speed report). */
  response: {
    standardMinutes: number;
    requests: number;
    withinStandard: number;
    withinStandardShare: number;
    unanswered: number;
    medianMs: number | null;
  };
  /** Sources of the conversions report ranked by goal conversions, then leads. */
  topSources: { channel: string; source: string; conversions: number; leads: number }[];
}

/** One saved funnel in a digest: its conversion and the funnel report's weakest link. */
export interface DigestFunnel {
  id: number;
  name: string;
  /** Units (visitors or sessions, as the funnel counts) that entered step 1. */
  entered: number;
  conversion: number;
  weakest: {
    /** 1-based, with the step's label. */
    step: number;
    label: string;
    dropOff: number;
    dropOffRate: number;
    /** null when nobody reached the step (it stops the funnel). */
    lostConversions: number | null;
  } | null;
}

/** What every channel receives; webhooks get it as JSON (`version` changes only on breaking changes). */
export interface AlertPayload {
  version: 1;
  /** The idempotency key: the same alert delivered twice carries the same id. */
  id: string;
  type: AlertType;
  site: { id: string; domain: string };
  time: string;
  language: AlertLanguage;
  lead?: LeadInfo;
  group?: LeadGroupInfo;
  /** Reminders: the standard in minutes and when it ran out. */
  standard?: { minutes: number; deadline: string };
  chain?: ChainInfo;
  digest?: DigestInfo;
}
