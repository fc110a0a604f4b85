import { describe, expect, it } from 'vitest';
import { SEND_RULES, type SendRule } from '../../src/inputs/conditions.js';
import { JOB_STATUSES, type JobStatus } from '../../src/inputs/parse.js';
import { decide, needsPrevious, type PreviousResult } from '../../src/rules/send-when.js';

const PREVIOUS: readonly PreviousResult[] = ['none', 'success', 'failure', 'unknown'];

// Whether each rule sends, written out by hand: one letter per previous result in the order of PREVIOUS
// (none, success, failure, unknown), Y to send. Statuses without a health (cancelled, skipped, started) are below.
const GRID: Record<SendRule, Partial<Record<JobStatus, string>>> = {
  always: { success: 'YYYY', failure: 'YYYY' },
  success: { success: 'YYYY', failure: '----' },
  failure: { success: '----', failure: 'YYYY' },
  cancelled: { success: '----', failure: '----' },
  skipped: { success: '----', failure: '----' },
  started: { success: '----', failure: '----' },
  changed: { success: 'Y-YY', failure: 'YY-Y' },
  fixed: { success: '--YY', failure: '----' },
  broken: { success: '----', failure: 'YY-Y' },
};

describe('decide: the grid of rule x status x previous result', () => {
  const cases = Object.entries(GRID).flatMap(([rule, byStatus]) =>
    Object.entries(byStatus).flatMap(([status, row]) =>
      PREVIOUS.map((previous, n) => [rule as SendRule, status as JobStatus, previous, row[n] === 'Y'] as const),
    ),
  );

  it.each(cases)('%s, %s after %s: send %s', (rule, status, previous, send) => {
    expect(decide([rule], status, previous).send).toBe(send);
  });
});

describe('decide: statuses that say nothing about health', () => {
  it.each(['cancelled', 'skipped', 'started'] as const)('%s is sent by always and by its own name only', (status) => {
    for (const rule of SEND_RULES) {
      for (const previous of PREVIOUS) {
        expect(decide([rule], status, previous).send, `${rule} after ${previous}`).toBe(rule === 'always' || rule === status);
      }
    }
  });
});

describe('decide: combined rules and reasons', () => {
  it('sends when any rule matches', () => {
    expect(decide(['failure', 'fixed'], 'success', 'failure')).toEqual({
      send: true,
      reason: "Sending: 'fixed' matches, as the status is success after a failure.",
    });
    expect(decide(['failure', 'fixed'], 'failure', undefined).send).toBe(true);
  });

  it('says why nothing is sent', () => {
    expect(decide(['failure', 'fixed'], 'success', 'success')).toEqual({
      send: false,
      reason: "Not sent: send_when is 'failure, fixed' and the status is success, as in the previous run.",
    });
    expect(decide(['failure'], 'success').reason).toBe("Not sent: send_when is 'failure' and the status is success.");
    expect(decide(['fixed'], 'success', 'none').reason).toBe(
      "Not sent: send_when is 'fixed' and the status is success and no earlier run on this branch has a result.",
    );
  });

  it('sends on an unknown previous result when the rule could match, and says so', () => {
    expect(decide(['changed'], 'success', 'unknown')).toEqual({
      send: true,
      reason: "Sending: 'changed' matches, as the status is success and the previous run's result is unknown.",
    });
  });
});

describe('needsPrevious', () => {
  it('asks the GitHub API only when the answer can change the decision', () => {
    expect(needsPrevious(['always'], 'success')).toBe(false);
    expect(needsPrevious(['failure', 'success'], 'failure')).toBe(false);
    expect(needsPrevious(['changed'], 'success')).toBe(true);
    expect(needsPrevious(['changed'], 'failure')).toBe(true);
    expect(needsPrevious(['fixed'], 'success')).toBe(true);
    expect(needsPrevious(['fixed'], 'failure')).toBe(false);
    expect(needsPrevious(['broken'], 'success')).toBe(false);
    expect(needsPrevious(['failure', 'fixed'], 'failure')).toBe(false);
    expect(needsPrevious(['changed'], 'cancelled')).toBe(false);
  });

  it('when it is false, deciding without the previous result gives the same answer as with any', () => {
    const subsets = Array.from({ length: 2 ** SEND_RULES.length }, (_, bits) => SEND_RULES.filter((_, n) => bits & (2 ** n)));
    let checked = 0;
    for (const rules of subsets.filter((subset) => subset.length > 0)) {
      for (const status of JOB_STATUSES) {
        if (needsPrevious(rules, status)) continue;
        const without = decide(rules, status).send;
        for (const previous of PREVIOUS) expect(decide(rules, status, previous).send, `${rules} ${status} ${previous}`).toBe(without);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
