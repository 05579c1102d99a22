import { describe, expect, it } from 'vitest';
import { scrubText } from '../../../collector/ingest/scrub-text';

// scrubText skips its patterns when a cheap scan says they cannot match: these are the edges of that scan.
describe('scrubText', () => {
  it('scrubs e-mails, raw or percent-encoded', () => {
    expect(scrubText('mail jane@example.com now')).toBe('mail [email] now');
    expect(scrubText('jane%40example.com')).toBe('[email]');
  });

  it('scrubs ten digits however they are separated, and leaves nine alone', () => {
    expect(scrubText('+7 (912) 000-11-22')).toBe('[phone]');
    expect(scrubText('order 1-2-3-4-5-6-7-8-9-0')).toBe('order [phone]');
    expect(scrubText('order 123456789')).toBe('order 123456789');
    expect(scrubText('/blog/2024/11/23/post')).toBe('/blog/2024/11/23/post');
  });

  it('leaves text without contacts as it is', () => {
    expect(scrubText('100% sure')).toBe('100% sure');
    expect(scrubText('')).toBe('');
  });
});
