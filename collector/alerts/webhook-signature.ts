import { createHmac, timingSafeEqual } from 'node:crypto';

/** Replays older (or clocks further ahead) than this are refused by the verifier. */
export const WEBHOOK_TOLERANCE_S = 300;
export const SIGNATURE_HEADER = 'x-touchpoint-signature';
export const TIMESTAMP_HEADER = 'x-touchpoint-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`, the timestamp in Unix seconds. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * The receiver's check (docs/alerts.md has the same in plain Node and Python): the signature over
 * the raw body must match, and the timestamp must be within WEBHOOK_TOLERANCE_S of now, so a
 * captured request cannot be replayed later.
 */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string | null | undefined; signature: string | null | undefined },
  body: string,
  nowMs: number = Date.now(),
): Verdict {
  const ts = Number(headers.timestamp);
  if (!headers.timestamp || !Number.isInteger(ts)) return { ok: false, reason: 'missing timestamp' };
  if (Math.abs(nowMs / 1000 - ts) > WEBHOOK_TOLERANCE_S) return { ok: false, reason: 'timestamp too old' };
  const want = Buffer.from(signWebhook(secret, ts, body));
  const got = Buffer.from(headers.signature ?? '');
  if (got.length !== want.length || !timingSafeEqual(got, want))
    return { ok: false, reason: 'bad signature' };
  return { ok: true };
}
