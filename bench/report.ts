// What the benchmark's samples add up to: medians, paired ratios and the targets of issue #9, and the printed table.
import { median, medianRatio } from './stats.ts';

export interface Measurement {
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
}

export interface ScenarioResult {
  name: string;
  /** Paired: action[i] ran beside floor[i], in the same round as the other scenarios' i-th runs. */
  action: Measurement[];
  floor: Measurement[];
  /** Files of dist/ that the action loaded, and their bytes. */
  loadedFiles: string[];
  loadedBytes: number;
}

export interface ScenarioSummary {
  name: string;
  /** Medians: [action, floor, median of the paired ratios]. */
  wallMs: [number, number, number];
  cpuMs: [number, number, number];
  maxRssMiB: [number, number, number];
  loadedBytes: number;
}

export interface Target {
  name: string;
  value: number;
  limit: number;
  unit: '×' | 'bytes';
  pass: boolean;
}

export interface Summary {
  scenarios: ScenarioSummary[];
  /** Median over rounds of the 20-room run's wall time over the one-room run's. */
  fanOut: number;
  distBytes: number;
  targets: Target[];
}

function compare(result: ScenarioResult, key: keyof Measurement): [number, number, number] {
  const action = result.action.map((run) => run[key]);
  const floor = result.floor.map((run) => run[key]);
  return [median(action), median(floor), medianRatio(action, floor)];
}

function target(name: string, value: number, limit: number, unit: Target['unit']): Target {
  return { name, value, limit, unit, pass: value <= limit };
}

/** Needs the scenarios 'one room' and '20 rooms'; kB and MB are decimal. */
export function summarize(results: readonly ScenarioResult[], distBytes: number): Summary {
  const scenarios = results.map((result) => ({
    name: result.name,
    wallMs: compare(result, 'wallMs'),
    cpuMs: compare(result, 'cpuMs'),
    maxRssMiB: compare(result, 'maxRssMiB'),
    loadedBytes: result.loadedBytes,
  }));
  const byName = (name: string) => {
    const found = results.find((result) => result.name === name);
    if (!found) throw new Error(`No '${name}' scenario`);
    return found;
  };
  const one = byName('one room');
  const fanOut = medianRatio(
    byName('20 rooms').action.map((run) => run.wallMs),
    one.action.map((run) => run.wallMs),
  );
  const oneSummary = scenarios.find((scenario) => scenario.name === 'one room') as ScenarioSummary;
  return {
    scenarios,
    fanOut,
    distBytes,
    targets: [
      target("one room: wall time vs the floor's", oneSummary.wallMs[2], 1.1, '×'),
      target('20 rooms: wall time vs one room', fanOut, 1.3, '×'),
      target("one room: peak memory vs the floor's", oneSummary.maxRssMiB[2], 1.1, '×'),
      target('JavaScript loaded on the default path', one.loadedBytes, 600_000, 'bytes'),
      target('dist/ in all', distBytes, 1_500_000, 'bytes'),
    ],
  };
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const kB = (bytes: number) => `${fixed(bytes / 1000, 0)} kB`;

/** A Markdown table, so a run's figures can go into the README as they are. */
export function printReport(summary: Summary, machine: { node: string; cpus: number; loadAverageBefore: number[] }, runs: number): void {
  const load = machine.loadAverageBefore.map((value) => fixed(value, 2)).join(', ');
  console.log(
    `Node ${machine.node.slice(1)}, ${machine.cpus} cores, load average ${load}; medians of ${runs} runs, each paired with a floor run.\n`,
  );
  const cell = ([action, floor, ratio]: [number, number, number], digits: number) =>
    `${fixed(action, digits)} / ${fixed(floor, digits)} / ${fixed(ratio, 2)}×`;
  console.log(
    '| scenario | wall ms: action / floor / ratio | CPU ms: action / floor / ratio | peak RSS MiB: action / floor / ratio | dist/ loaded |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const scenario of summary.scenarios) {
    console.log(
      `| ${scenario.name} | ${cell(scenario.wallMs, 0)} | ${cell(scenario.cpuMs, 0)} | ${cell(scenario.maxRssMiB, 1)} | ${kB(scenario.loadedBytes)} |`,
    );
  }
  console.log(`\ndist/ in all: ${kB(summary.distBytes)}\n`);
  for (const { name, value, limit, unit, pass } of summary.targets) {
    const shown = unit === '×' ? `${fixed(value, 2)}× (at most ${fixed(limit, 2)}×)` : `${kB(value)} (at most ${kB(limit)})`;
    const miss = pass ? '' : `, over by ${fixed((value / limit - 1) * 100, 1)}%`;
    console.log(`${pass ? 'PASS' : 'MISS'}  ${name}: ${shown}${miss}`);
  }
}
