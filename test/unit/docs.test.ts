import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '../..');
const metadata = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: unknown }>;
  outputs: Record<string, unknown>;
};
const readme = await readFile(join(ROOT, 'README.md'), 'utf8');

/** The names in the first column of the table under a `## heading`. */
function tableNames(heading: string): string[] {
  const section = readme.slice(readme.indexOf(`\n## ${heading}\n`), readme.indexOf('\n## ', readme.indexOf(`\n## ${heading}\n`) + 1));
  return [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((match) => match[1] as string);
}

describe('the README', () => {
  it('documents every input of action.yml, and no other', () => {
    expect(tableNames('Inputs').sort()).toEqual(Object.keys(metadata.inputs).sort());
  });

  it('documents every output of action.yml, and no other', () => {
    expect(tableNames('Outputs').sort()).toEqual(Object.keys(metadata.outputs).sort());
  });
});
