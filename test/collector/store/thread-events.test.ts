import { describe, expect, it } from 'vitest';
import type { PendingEvent } from '../../../collector/ingest/pending-event';
import { decodeThreadEvents, encodeThreadEvents } from '../../../collector/store/thread-events';
import { pendingEvent, sessionSeed } from '../../support/seed';

const seed = (channel: 'paid' | 'direct', landingPath = '/a') =>
  sessionSeed(channel, landingPath, { utmSource: channel === 'paid' ? 'google' : null });
const event = (uid: string, over: Partial<PendingEvent> = {}): PendingEvent =>
  pendingEvent(1, {
    uid,
    visitorKey: 'h:abc',
    ts: 1_763_900_000_000,
    receivedAt: 1_763_900_000_120,
    path: '/a',
    url: 'https://shop.example/a',
    session: seed('paid'),
    ...over,
  });

describe('writer-thread event encoding', () => {
  it('gives back exactly the events it was given, seeds repeated or not, offline and identify events included', () => {
    const events: PendingEvent[] = [
      event('e1'),
      event('e2', { name: 'call_click', props: '{"phone":"78005553535"}', value: 3.5 }),
      event('e3', { session: seed('direct', '/b') }),
      event('e4', { session: seed('paid') }),
      event('e5', {
        origin: 'offline',
        session: null,
        visitorKey: '',
        lead: 'L-1',
        url: null,
        path: null,
        linkLead: 'L-1',
      }),
      event('e6', { session: seed('paid') }),
    ];
    expect(decodeThreadEvents(encodeThreadEvents(events))).toEqual(events);
  });

  it('sends a seed equal to the one before it as a reference, not again', () => {
    const text = encodeThreadEvents([event('e1'), event('e2'), event('e3')]);
    expect(text.split('"Chrome"')).toHaveLength(2);
  });
});
