/** A HipChat limit that a refusal says is used up, and when it resets. */
export interface ExhaustedLimit {
  readonly limit: 'rate limit' | 'flood control';
  /** Epoch seconds. */
  readonly resetsAt: number;
}

const LIMIT_HEADERS = [
  { limit: 'rate limit', prefix: 'x-ratelimit' },
  { limit: 'flood control', prefix: 'x-floodcontrol' },
] as const;

/**
 * The limits a refusal's headers say are used up (Remaining 0): X-Ratelimit-* counts the token's requests,
 * X-FloodControl-* the messages to one room (hipchat-api.md §3.1). Reset is in epoch seconds.
 */
export function exhaustedLimits(headers: Readonly<Record<string, string>>): ExhaustedLimit[] {
  return LIMIT_HEADERS.flatMap(({ limit, prefix }) => {
    const resetsAt = Number(headers[`${prefix}-reset`]);
    const usedUp = headers[`${prefix}-remaining`] === '0' && Number.isFinite(resetsAt) && resetsAt > 0;
    return usedUp ? [{ limit, resetsAt }] : [];
  });
}

/** When the last of the limits resets, in epoch seconds; undefined when none says. */
export function lastReset(limits: readonly ExhaustedLimit[]): number | undefined {
  return limits.length === 0 ? undefined : Math.max(...limits.map((limit) => limit.resetsAt));
}
