// Preloaded with NODE_OPTIONS=--import into every benchmarked process, the action and the floor alike, so both pay
// the same for it. At exit it writes to $BENCH_MEASURE_OUT what only the process itself can see: its peak memory, its
// CPU time and every file it loaded, so the bytes loaded at start-up are measured rather than assumed.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const loaded = [];
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:')) loaded.push(fileURLToPath(url));
    return nextLoad(url, context);
  },
});

process.on('exit', () => {
  const usage = process.resourceUsage();
  const sample = { maxRssKiB: usage.maxRSS, userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime, loaded };
  writeFileSync(process.env.BENCH_MEASURE_OUT, JSON.stringify(sample));
});
