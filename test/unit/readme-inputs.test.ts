// The README's tables are where people look up an input or output: each one action.yml declares must be there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};

/** The first cells of the rows of the table under a heading. */
function tableNames(heading: string): string[] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((match) => match[1] ?? '');
}

describe('the README', () => {
  it('lists every input, with its default', () => {
    expect(tableNames('Inputs').sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.default) expect(readme, name).toContain(`| \`${name}\` | \`${input.default}\` |`);
    }
  });

  it('lists every output', () => {
    expect(tableNames('Outputs').sort()).toEqual(Object.keys(action.outputs).sort());
  });
});
