/**
 * Fixed windows, as HipChat described them: a window opens with the first request
 * counted in it and `X-*-Reset` is the epoch second at which it closes.
 */
export interface LimitPolicy {
  limit: number;
  windowSeconds: number;
}

export interface Quota {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

export interface WindowState {
  startedAtMs: number;
  used: number;
}

export const TOKEN_WINDOW_SECONDS = 300;
// [UNCONFIRMED] per-kind defaults come from a client-library comment, not from HipChat's docs.
export const DEFAULT_TOKEN_LIMITS = { user: 100, addon: 500 } as const;
export const DEFAULT_FLOOD_CONTROL: LimitPolicy = { limit: 30, windowSeconds: 60 };

function windowEndMs(state: WindowState, policy: LimitPolicy): number {
  return state.startedAtMs + policy.windowSeconds * 1000;
}

/** The window in force at `nowMs`: the stored one, or a fresh one if it has closed. */
export function currentWindow(state: WindowState | undefined, policy: LimitPolicy, nowMs: number): WindowState {
  if (state && nowMs < windowEndMs(state, policy)) return state;
  return { startedAtMs: nowMs, used: 0 };
}

export function quotaOf(state: WindowState, policy: LimitPolicy): Quota {
  return {
    limit: policy.limit,
    remaining: Math.max(0, policy.limit - state.used),
    reset: Math.ceil(windowEndMs(state, policy) / 1000),
  };
}

/** Counts one request; a refused request is not counted, so Remaining stays at 0 until the reset. */
export function consume(
  state: WindowState | undefined,
  policy: LimitPolicy,
  nowMs: number,
): { allowed: boolean; state: WindowState; quota: Quota } {
  const window = currentWindow(state, policy, nowMs);
  const allowed = window.used < policy.limit;
  const next = allowed ? { ...window, used: window.used + 1 } : window;
  return { allowed, state: next, quota: quotaOf(next, policy) };
}

/** Windows keyed by token or room, read through an injectable clock (milliseconds). */
export class RateLimiter {
  readonly #windows = new Map<string, WindowState>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  peek(key: string | undefined, policy: LimitPolicy): Quota {
    const stored = key === undefined ? undefined : this.#windows.get(key);
    return quotaOf(currentWindow(stored, policy, this.#now()), policy);
  }

  consume(key: string, policy: LimitPolicy): { allowed: boolean; quota: Quota } {
    const { allowed, state, quota } = consume(this.#windows.get(key), policy, this.#now());
    this.#windows.set(key, state);
    return { allowed, quota };
  }

  clear(): void {
    this.#windows.clear();
  }
}

export function rateLimitHeaders(quota: Quota): Record<string, string> {
  return {
    'X-Ratelimit-Limit': String(quota.limit),
    'X-Ratelimit-Remaining': String(quota.remaining),
    'X-Ratelimit-Reset': String(quota.reset),
  };
}

export function floodControlHeaders(quota: Quota): Record<string, string> {
  return {
    'X-FloodControl-Limit': String(quota.limit),
    'X-FloodControl-Remaining': String(quota.remaining),
    'X-FloodControl-Reset': String(quota.reset),
  };
}
