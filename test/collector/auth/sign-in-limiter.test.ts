import { describe, expect, it } from 'vitest';
import { SignInLimiter } from '../../../collector/auth/sign-in-limiter';

const clocked = (opts: ConstructorParameters<typeof SignInLimiter>[0] = {}) => {
  const clock = { now: 0 };
  return { clock, limiter: new SignInLimiter({ ...opts, now: () => clock.now }) };
};

describe('SignInLimiter', () => {
  it('doubles the wait after the free attempts, up to 15 minutes', () => {
    const { limiter } = clocked();
    expect([1, 4, 5, 6, 7, 14, 15, 16, 40].map((n) => limiter.delayAfter(n))).toEqual([
      0, 0, 1_000, 2_000, 4_000, 512_000, 900_000, 900_000, 900_000,
    ]);
  });

  it('forgets a client after a quiet day, and on success', () => {
    const { clock, limiter } = clocked();
    for (let i = 0; i < 5; i++) expect(limiter.admit('a', true).ok).toBe(true);
    expect(limiter.admit('a', true)).toMatchObject({ ok: false, reason: 'client', retryAfterSeconds: 1 });
    clock.now += 24 * 3_600_000 + 1;
    for (let i = 0; i < 5; i++) expect(limiter.admit('a', true).ok).toBe(true);
    limiter.succeeded('a');
    for (let i = 0; i < 5; i++) expect(limiter.admit('a', true).ok).toBe(true);
  });

  it('strangers share a burst, then one check a minute; known clients never spend it', () => {
    const { clock, limiter } = clocked({ strangerBurst: 3 });
    for (let i = 0; i < 3; i++) expect(limiter.admit(`s${i}`, false).ok).toBe(true);
    expect(limiter.admit('s9', false)).toEqual({ ok: false, reason: 'strangers', retryAfterSeconds: 60 });
    expect(limiter.admit('admin', true).ok).toBe(true);
    clock.now += 30_000;
    expect(limiter.admit('s9', false)).toEqual({ ok: false, reason: 'strangers', retryAfterSeconds: 30 });
    clock.now += 30_000;
    expect(limiter.admit('s9', false).ok).toBe(true);
    expect(limiter.admit('s10', false).ok).toBe(false);
  });

  it('clears everything when the stored password hash changes, not before', () => {
    const { limiter } = clocked({ strangerBurst: 1 });
    limiter.resetIfPasswordChanged('hash-1');
    expect(limiter.admit('s1', false).ok).toBe(true);
    expect(limiter.admit('s2', false).ok).toBe(false);
    limiter.resetIfPasswordChanged('hash-1');
    expect(limiter.admit('s2', false).ok).toBe(false);
    limiter.resetIfPasswordChanged('hash-2');
    expect(limiter.admit('s2', false).ok).toBe(true);
  });

  it('keeps at most maxClients, dropping the least recently seen', () => {
    const { limiter } = clocked({ freeAttempts: 1, maxClients: 2 });
    expect(limiter.admit('a', true).ok).toBe(true);
    expect(limiter.admit('b', true).ok).toBe(true);
    expect(limiter.admit('a', true).ok).toBe(false); // a waits
    expect(limiter.admit('c', true).ok).toBe(true); // pushes out the least recent: a (seen before b)
    expect(limiter.admit('b', true).ok).toBe(false);
    expect(limiter.admit('a', true).ok).toBe(true); // a was forgotten
  });
});
