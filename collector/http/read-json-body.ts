import { type Parsed, parseJsonBody } from './parse-json-body';
import { readBody } from './read-body';

/** The parsed value with the bytes it came from (validateClean looks at them). */
export type JsonBody =
  | Exclude<Parsed<unknown>, { ok: true }>
  | { ok: true; value: unknown; bytes: Uint8Array };

/**
 * A request's body as JSON (readBody, then parseJsonBody). A compressed body is refused unread
 * with 415: nothing here inflates one, and read as it is it would only fail as "not UTF-8".
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<JsonBody> {
  const encoding = (req.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    const shown = encoding.length > 40 ? `${encoding.slice(0, 40)}…` : encoding;
    return {
      ok: false,
      status: 415,
      body: {
        error: `content encoding must be identity (send the JSON uncompressed), got "${shown}"`,
        field: 'content-encoding',
      },
    };
  }
  const bytes = await readBody(req, maxBytes);
  const parsed = parseJsonBody(bytes, req.headers.get('content-type') ?? undefined, maxBytes);
  return parsed.ok ? { ...parsed, bytes } : parsed;
}
