// dist/index.js is what every run loads, so it holds the plain notification only. The features' own tests check
// their lookups and endpoints; this one checks the parsers, reports and advice that most steps never use.
import { describe, expect, it } from 'vitest';
import { bundlesHolding } from './bundle.ts';

/** A text only that module has, for each module that only some runs load. */
const ONLY_SOME_RUNS: Readonly<Record<string, string>> = {
  'inputs/needs.ts': 'it lists no jobs',
  'inputs/matrix.ts': 'pass matrix: ${{ toJSON(matrix) }}',
  'inputs/json-object.ts': 'it is not JSON (',
  'inputs/colors.ts': 'Invalid color entry',
  'inputs/mentions.ts': 'Invalid mention ',
  'inputs/ca-cert.ts': 'block and is not a path',
  'inputs/workspace-path.ts': 'expected a path inside the workspace',
  'report/card-preview.ts': '| Attribute | Value |',
  'report/dry-run.ts': 'Nothing was sent: this was a dry run',
  'hipchat/delivery/failure.ts': 'The action does not follow redirects',
  'hipchat/delivery/network-failure.ts': 'The certificate was issued for another host name',
};

describe('the bundle every run loads', () => {
  // A module that another chunk also imports may be copied into both: what counts is that index.js has none.
  it.each(Object.entries(ONLY_SOME_RUNS))('keeps %s out of it, in a chunk', async (_module, text) => {
    const holding = await bundlesHolding(text);
    expect(holding.length).toBeGreaterThan(0);
    expect(holding).not.toContain('index.js');
  });
});
