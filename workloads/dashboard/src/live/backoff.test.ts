import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

describe('backoffDelay', () => {
  it('doubles the delay with every failed attempt', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, noJitter))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(backoffDelay(7, noJitter)).toBe(30_000);
    expect(backoffDelay(1_000, noJitter)).toBe(30_000);
    expect(backoffDelay(1_000, DEFAULT_BACKOFF, () => 0.999)).toBeLessThanOrEqual(30_000);
  });

  it('spreads delays by the jitter fraction either way', () => {
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0)).toBe(1600);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.5)).toBe(2000);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.9999)).toBe(2400);
  });
});
