import type { AlertChannel } from './alert-types';

/** `…wxyz`: enough to tell two secrets apart, never enough to use one. */
export const maskSecret = (s: string | null): string | null => (s === null ? null : `…${s.slice(-4)}`);

/** A channel as the API shows it: every secret masked. */
export function maskChannel(ch: AlertChannel): Record<string, unknown> {
  const base = { id: ch.id, kind: ch.kind, name: ch.name, enabled: ch.enabled, createdAt: ch.createdAt };
  switch (ch.kind) {
    case 'webhook':
      return { ...base, url: ch.config.url, secret: maskSecret(ch.config.secret) };
    case 'telegram':
      return {
        ...base,
        botToken: maskSecret(ch.config.botToken),
        chatId: ch.config.chatId,
        apiBase: ch.config.apiBase,
      };
    case 'email': {
      const { password, ...rest } = ch.config;
      return { ...base, ...rest, password: password === null ? null : '…' };
    }
  }
}
