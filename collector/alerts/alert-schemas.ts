import * as v from 'valibot';
import { LEAD_KINDS } from './alert-types';

const text = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.minLength(min, `must have at least ${min} characters`),
    v.maxLength(max, `must be at most ${max} characters`),
  );
const httpUrl = v.pipe(
  text(8, 2000),
  v.check((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'must be an http(s) URL'),
);
const email = v.pipe(text(3, 254), v.email('must be an e-mail address'));
const name = v.optional(text(1, 80));

const webhook = v.object({
  kind: v.literal('webhook'),
  name,
  enabled: v.optional(v.boolean()),
  url: httpUrl,
  secret: text(16, 200),
});
const telegram = v.object({
  kind: v.literal('telegram'),
  name,
  enabled: v.optional(v.boolean()),
  botToken: v.pipe(text(10, 100), v.regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-token')),
  chatId: v.pipe(text(1, 64), v.regex(/^(-?\d+|@\w+)$/, 'must be a numeric chat id or @channel')),
  apiBase: v.optional(httpUrl),
});
const emailChannel = v.object({
  kind: v.literal('email'),
  name,
  enabled: v.optional(v.boolean()),
  host: text(1, 253),
  port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
  secure: v.optional(v.boolean()),
  user: v.optional(v.nullable(text(1, 200))),
  password: v.optional(v.nullable(text(1, 200))),
  from: email,
  to: v.pipe(
    v.array(email),
    v.minLength(1, 'must hold at least 1 address'),
    v.maxLength(10, 'must hold at most 10 addresses'),
  ),
});

/** A new channel: one of the three kinds with its settings. */
export const newChannelSchema = v.variant(
  'kind',
  [webhook, telegram, emailChannel],
  'kind must be webhook, telegram or email',
);
export type NewChannel = v.InferOutput<typeof newChannelSchema>;

/**
 * A change: any field of the channel's kind; a secret left out keeps the stored one (the API only
 * ever shows a masked secret, so a form sends it back only when the owner typed a new one).
 */
export const channelPatchSchema = v.variant(
  'kind',
  [
    v.partial(webhook, ['name', 'enabled', 'url', 'secret']),
    v.partial(telegram, ['name', 'enabled', 'botToken', 'chatId', 'apiBase']),
    v.partial(emailChannel, ['name', 'enabled', 'host', 'port', 'secure', 'user', 'password', 'from', 'to']),
  ],
  'kind must be webhook, telegram or email',
);
export type ChannelPatch = v.InferOutput<typeof channelPatchSchema>;

const hhmm = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00'));

export const alertSettingsSchema = v.partial(
  v.object({
    language: v.picklist(['en', 'ru'], 'must be en or ru'),
    leadKinds: v.pipe(
      v.array(v.picklist(LEAD_KINDS, `must be one of ${LEAD_KINDS.join(', ')}`)),
      v.maxLength(LEAD_KINDS.length),
    ),
    forms: v.pipe(v.array(text(1, 200)), v.maxLength(50, 'must hold at most 50 forms')),
    businessHours: v.nullable(
      v.pipe(
        v.object({
          days: v.pipe(
            v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
            v.minLength(1, 'must hold at least 1 day'),
            v.maxLength(7),
          ),
          open: hhmm,
          close: hhmm,
        }),
        v.check((h) => h.open < h.close, 'open must be before close'),
      ),
    ),
    reminders: v.boolean(),
    chainAlerts: v.boolean(),
    digest: v.picklist(['weekly', 'daily', 'off'], 'must be weekly, daily or off'),
    leadBurst: v.nullable(
      v.object({
        limit: v.pipe(
          v.number(),
          v.integer(),
          v.minValue(1, 'must be at least 1'),
          v.maxValue(1000, 'must be at most 1000'),
        ),
        windowMinutes: v.pipe(
          v.number(),
          v.integer(),
          v.minValue(1, 'must be at least 1'),
          v.maxValue(60, 'must be at most 60'),
        ),
      }),
    ),
  }),
);
export type AlertSettingsPatch = v.InferOutput<typeof alertSettingsSchema>;
