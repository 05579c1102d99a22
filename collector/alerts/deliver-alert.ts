import { createTransport } from 'nodemailer';
import type { AlertChannel, AlertPayload, EmailConfig, TelegramConfig, WebhookConfig } from './alert-types';
import { renderAlert } from './render-alert';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature';

export interface Delivery {
  ok: boolean;
  /** HTTP status (webhook, Telegram) or SMTP reply code (e-mail); null when nothing answered. */
  code: number | null;
  error: string | null;
}

export interface DeliverOptions {
  /** The site's time zone for the times people read. */
  timeZone?: string;
  now?: () => number;
  timeoutMs?: number;
}

const failed = (error: unknown, code: number | null = null): Delivery => ({
  ok: false,
  code,
  error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
});

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Delivery> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Touchpoint-Alerts/1', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = await res.text().catch(() => '');
    return res.ok
      ? { ok: true, code: res.status, error: null }
      : failed(`HTTP ${res.status} ${text.slice(0, 200)}`, res.status);
  } catch (err) {
    return failed(err);
  }
}

function webhook(c: WebhookConfig, p: AlertPayload, now: number, timeoutMs: number): Promise<Delivery> {
  const body = JSON.stringify(p);
  const ts = Math.floor(now / 1000);
  return post(
    c.url,
    body,
    {
      [TIMESTAMP_HEADER]: String(ts),
      [SIGNATURE_HEADER]: signWebhook(c.secret, ts, body),
      [IDEMPOTENCY_HEADER]: p.id,
    },
    timeoutMs,
  );
}

function telegram(
  c: TelegramConfig,
  p: AlertPayload,
  timeZone: string,
  timeoutMs: number,
): Promise<Delivery> {
  const url = `${c.apiBase.replace(/\/+$/, '')}/bot${c.botToken}/sendMessage`;
  // Plain text (no parse_mode): nothing in a page path can break the markup. No previews: a preview
  // fetch would open the one-time links.
  const body = JSON.stringify({
    chat_id: c.chatId,
    text: renderAlert(p, timeZone).text,
    link_preview_options: { is_disabled: true },
  });
  return post(url, body, {}, timeoutMs);
}

async function email(
  c: EmailConfig,
  p: AlertPayload,
  timeZone: string,
  timeoutMs: number,
): Promise<Delivery> {
  const transport = createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    ...(c.user ? { auth: { user: c.user, pass: c.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const r = renderAlert(p, timeZone);
  try {
    const info = await transport.sendMail({
      from: c.from,
      to: c.to,
      subject: r.subject,
      text: r.text,
      html: r.html,
      headers: { 'X-Touchpoint-Alert-Id': p.id },
    });
    return { ok: true, code: Number(/^\d{3}/.exec(info.response)?.[0] ?? 250), error: null };
  } catch (err) {
    const code = (err as { responseCode?: number }).responseCode ?? null;
    return failed(err, code);
  } finally {
    transport.close();
  }
}

/** Sends one alert to one channel; never throws (a failure is a Delivery to retry). */
export function deliverAlert(
  ch: AlertChannel,
  p: AlertPayload,
  opts: DeliverOptions = {},
): Promise<Delivery> {
  const { timeZone = 'UTC', now = Date.now, timeoutMs = 10_000 } = opts;
  switch (ch.kind) {
    case 'webhook':
      return webhook(ch.config, p, now(), timeoutMs);
    case 'telegram':
      return telegram(ch.config, p, timeZone, timeoutMs);
    case 'email':
      return email(ch.config, p, timeZone, timeoutMs);
  }
}
