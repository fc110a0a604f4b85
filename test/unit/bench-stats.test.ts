import { describe, expect, it } from 'vitest';
import { type Measurement, type ScenarioResult, summarize } from '../../bench/report.ts';
import { median, medianRatio } from '../../bench/stats.ts';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no values');
  });
});

describe('medianRatio', () => {
  it('is the median of the pairwise ratios, not the ratio of the medians', () => {
    // A burst of load doubles both halves of the third pair: its ratio stays 1.5.
    expect(medianRatio([150, 120, 300], [100, 100, 200])).toBe(1.5);
    expect(() => medianRatio([1, 2], [1])).toThrow('2 runs paired with 1');
  });
});

describe('summarize', () => {
  const runs = (wallMs: number[], maxRssMiB = 60): Measurement[] => wallMs.map((wall) => ({ wallMs: wall, cpuMs: wall / 2, maxRssMiB }));
  const scenario = (name: string, action: Measurement[], floor: Measurement[], loadedBytes = 500_000): ScenarioResult => ({
    name,
    action,
    floor,
    loadedFiles: [],
    loadedBytes,
  });

  it('checks each target against its limit', () => {
    const summary = summarize(
      [
        scenario('one room', runs([100, 110, 90]), runs([100, 100, 100])),
        scenario('20 rooms', runs([120, 150, 90]), runs([100, 100, 100])),
      ],
      1_600_000,
    );
    expect(summary.scenarios[0]?.wallMs).toEqual([100, 100, 1]);
    expect(summary.fanOut).toBeCloseTo(1.2);
    expect(summary.targets.map(({ name, pass }) => [name, pass])).toEqual([
      ["one room: wall time vs the floor's", true],
      ['20 rooms: wall time vs one room', true],
      ["one room: peak memory vs the floor's", true],
      ['JavaScript loaded on the default path', true],
      ['dist/ in all', false],
    ]);
  });
});
