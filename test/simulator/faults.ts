export type Fault =
  /** Answer with this status; the default body is a HipChat envelope for the code. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Wait, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Destroy the socket without answering. */
  | { kind: 'drop' }
  /** Answer with this status and a body that never ends (up to 1 GiB), sent as fast as the client reads it. */
  | { kind: 'endless-body'; status: number }
  /**
   * A 429 exactly as the real exhausted limit sends it, with Reset = now + resetInSeconds. `room` is flood control:
   * the room's, or on a user route the person's.
   */
  | { kind: 'rate-limit'; scope: 'token' | 'room'; resetInSeconds: number };

export interface FaultRule {
  fault: Fault;
  /** How many matching requests it applies to; default 1, Infinity allowed. */
  times?: number;
  /** Only requests to this room: the decoded segment, the room's name or its id as a string. */
  room?: string;
  /** Only requests to this user: the decoded segment, or the user's id (as a string), email or @mention name. */
  user?: string;
  /** Only requests to this route, e.g. 'room-topic'. */
  route?: string;
}

/** Rules in the order they were added; each matching request uses up one application of the first match. */
export class FaultQueue {
  #pending: { rule: FaultRule; remaining: number }[] = [];

  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!(times >= 1)) throw new RangeError(`FaultRule.times must be at least 1, got ${times}`);
    this.#pending.push({ rule, remaining: times });
  }

  take(applies: (rule: FaultRule) => boolean): Fault | undefined {
    const entry = this.#pending.find((candidate) => applies(candidate.rule));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#pending = this.#pending.filter((candidate) => candidate !== entry);
    return entry.rule.fault;
  }

  clear(): void {
    this.#pending = [];
  }
}
