// Pure arithmetic for the benchmark, kept apart so it can be unit-tested.

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The median of the ratios of paired runs: each run is compared with the one measured beside it, so a burst of load
 * on a busy machine slows both halves of a pair and cancels out, where a ratio of two medians would not.
 */
export function medianRatio(numerators: readonly number[], denominators: readonly number[]): number {
  if (numerators.length !== denominators.length) throw new Error(`${numerators.length} runs paired with ${denominators.length}`);
  return median(numerators.map((value, i) => value / (denominators[i] as number)));
}
