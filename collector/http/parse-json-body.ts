import { Buffer, isUtf8 } from 'node:buffer';
import type { ValidationError } from '../model';

export type Parsed<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 413 | 415; body: ValidationError };

/**
 * Bytes + content type → JSON value, or the 4xx that says why not. `text/plain` is accepted
 * because beacons with a JSON type would need a CORS preflight they never get.
 */
export function parseJsonBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  maxBytes: number,
  accepted: readonly string[] = ['text/plain', 'application/json'],
): Parsed<unknown> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!accepted.includes(type)) {
    return {
      ok: false,
      status: 415,
      body: { error: `content type must be ${accepted.join(' or ')}`, field: 'content-type' },
    };
  }
  if (bytes.byteLength > maxBytes) {
    return {
      ok: false,
      status: 413,
      body: { error: `body must be at most ${maxBytes} bytes`, field: 'body', limit: maxBytes },
    };
  }
  if (bytes.byteLength === 0)
    return { ok: false, status: 400, body: { error: 'body is empty', field: 'body' } };
  if (!isUtf8(bytes))
    return { ok: false, status: 400, body: { error: 'body is not valid UTF-8', field: 'body' } };
  // Windows tools (PowerShell, Notepad, .NET's default UTF8Encoding) write a byte-order mark first.
  const bom = bytes.byteLength >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return {
      ok: true,
      value: JSON.parse(
        Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.byteLength - bom).toString('utf8'),
      ) as unknown,
    };
  } catch {
    return { ok: false, status: 400, body: { error: 'body is not valid JSON', field: 'body' } };
  }
}
