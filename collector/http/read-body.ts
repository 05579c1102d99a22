/**
 * Reads a request body but never holds more than `maxBytes + 1`: a declared oversize body is
 * refused unread, and a chunked body of unknown size is read as a stream and cut off. The caller
 * answers 413 when it gets more than allowed.
 */
export async function readBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  const header = req.headers.get('content-length');
  const declared = header === null ? NaN : Number(header);
  if (declared > maxBytes) return new Uint8Array(maxBytes + 1);
  // Node's HTTP parser holds a body to its declared length, so it can be read in one go
  // (the node adapter's fast path, far cheaper than a web stream per request).
  if (Number.isFinite(declared)) return new Uint8Array(await req.arrayBuffer());
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return new Uint8Array(maxBytes + 1);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
