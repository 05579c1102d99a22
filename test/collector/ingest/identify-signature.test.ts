import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identifySignature, identifySignatureValid } from '../../../collector/ingest/identify-signature';

describe('identifySignature', () => {
  it('signs and checks in constant time with the documented HMAC', () => {
    expect(identifySignature('s3cret', 'lead-8841')).toBe(
      createHmac('sha256', 's3cret').update('lead-8841').digest('hex'),
    );
    expect(identifySignatureValid('s3cret', 'lead-8841', identifySignature('s3cret', 'lead-8841'))).toBe(
      true,
    );
    expect(identifySignatureValid('s3cret', 'lead-8841', '')).toBe(false);
    expect(identifySignatureValid('s3cret', 'lead-8842', identifySignature('s3cret', 'lead-8841'))).toBe(
      false,
    );
  });
});
