/** How long to wait before reconnect attempt n: exponential, capped, with jitter. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  multiplier: number;
  /** Fraction (0..1) by which a delay may vary either way, so clients don't reconnect in lockstep. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, multiplier: 2, jitter: 0.2 };

/** Delay in ms before attempt `attempt` (0 = first retry); `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt, 30));
  const base = Math.min(policy.maxMs, policy.initialMs * Math.pow(policy.multiplier, exponent));
  const spread = base * policy.jitter;
  const delay = base - spread + random() * 2 * spread;
  return Math.round(Math.max(0, Math.min(policy.maxMs, delay)));
}
