import type { Db } from '../db/open-database';
import type { ChannelPatch, NewChannel } from './alert-schemas';
import type { AlertChannel, ChannelConfig } from './alert-types';

export const TELEGRAM_API = 'https://api.telegram.org';
/** Channels per site: enough for every team and tool, few enough that one lead never fans out widely. */
export const MAX_CHANNELS_PER_SITE = 10;

interface ChannelRow {
  id: number;
  site_id: number;
  kind: AlertChannel['kind'];
  name: string;
  config: string;
  enabled: number;
  created_at: number;
}

const toChannel = (r: ChannelRow): AlertChannel =>
  ({
    id: r.id,
    siteId: r.site_id,
    kind: r.kind,
    name: r.name,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    config: JSON.parse(r.config),
  }) as AlertChannel;

function configOf(input: NewChannel): ChannelConfig {
  switch (input.kind) {
    case 'webhook':
      return { kind: 'webhook', config: { url: input.url, secret: input.secret } };
    case 'telegram':
      return {
        kind: 'telegram',
        config: { botToken: input.botToken, chatId: input.chatId, apiBase: input.apiBase ?? TELEGRAM_API },
      };
    case 'email':
      return {
        kind: 'email',
        config: {
          host: input.host,
          port: input.port,
          secure: input.secure ?? input.port === 465,
          user: input.user ?? null,
          password: input.password ?? null,
          from: input.from,
          to: input.to,
        },
      };
  }
}

export function listChannels(db: Db, siteId: number): AlertChannel[] {
  return (
    db.prepare('SELECT * FROM alert_channels WHERE site_id = ? ORDER BY id').all(siteId) as ChannelRow[]
  ).map(toChannel);
}

export function getChannel(db: Db, siteId: number, id: number): AlertChannel | undefined {
  const row = db.prepare('SELECT * FROM alert_channels WHERE site_id = ? AND id = ?').get(siteId, id) as
    | ChannelRow
    | undefined;
  return row && toChannel(row);
}

/** undefined when the site already has MAX_CHANNELS_PER_SITE. */
export function createChannel(
  db: Db,
  siteId: number,
  input: NewChannel,
  now: number,
): AlertChannel | undefined {
  const { n } = db.prepare('SELECT count(*) AS n FROM alert_channels WHERE site_id = ?').get(siteId) as {
    n: number;
  };
  if (n >= MAX_CHANNELS_PER_SITE) return undefined;
  const { kind, config } = configOf(input);
  const info = db
    .prepare(
      'INSERT INTO alert_channels (site_id, kind, name, config, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(siteId, kind, input.name ?? kind, JSON.stringify(config), input.enabled === false ? 0 : 1, now);
  return getChannel(db, siteId, Number(info.lastInsertRowid));
}

/** Applies a patch of the channel's own kind; 'kind' when the patch names another kind. */
export function updateChannel(
  db: Db,
  siteId: number,
  id: number,
  patch: ChannelPatch,
): AlertChannel | 'kind' | undefined {
  const channel = getChannel(db, siteId, id);
  if (!channel) return undefined;
  if (patch.kind !== channel.kind) return 'kind';
  const { kind: _k, name, enabled, ...fields } = patch;
  const merged = { kind: channel.kind, ...channel.config, ...fields } as NewChannel;
  const { config } = configOf(merged);
  db.prepare('UPDATE alert_channels SET name = ?, enabled = ?, config = ? WHERE id = ?').run(
    name ?? channel.name,
    (enabled ?? channel.enabled) ? 1 : 0,
    JSON.stringify(config),
    id,
  );
  return getChannel(db, siteId, id);
}

export function deleteChannel(db: Db, siteId: number, id: number): boolean {
  return db.prepare('DELETE FROM alert_channels WHERE site_id = ? AND id = ?').run(siteId, id).changes > 0;
}
