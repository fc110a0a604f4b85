import { describe, expect, it } from 'vitest';
import { parseNotify, parseSendWhen, parseStatusList } from '../../src/inputs/conditions.js';
import { parseMentions } from '../../src/inputs/mentions.js';
import { parseNeeds, worstResult } from '../../src/inputs/needs.js';
import { JOB_STATUSES } from '../../src/inputs/parse.js';
import { readInputs } from '../../src/inputs/read.js';

describe('parseSendWhen', () => {
  it('defaults to always and takes rules separated by commas, spaces or lines, in any case', () => {
    expect(parseSendWhen('')).toEqual(['always']);
    expect(parseSendWhen(' Failure, fixed\nchanged  broken ')).toEqual(['failure', 'fixed', 'changed', 'broken']);
    expect(parseSendWhen('failure,failure')).toEqual(['failure']);
  });

  it('names the bad rule and lists the accepted ones', () => {
    expect(() => parseSendWhen('failure, recovered')).toThrow(
      "Invalid send_when 'recovered': expected always, success, failure, cancelled, skipped, started, changed, fixed or broken. Combine several with commas, e.g. failure, fixed.",
    );
  });
});

describe('parseNotify', () => {
  it('keeps true and false, in the YAML spellings', () => {
    expect(parseNotify('true')).toEqual(JOB_STATUSES);
    expect(parseNotify('False')).toEqual([]);
    expect(parseNotify('')).toEqual([]);
  });

  it('takes statuses to ping on', () => {
    expect(parseNotify('failure')).toEqual(['failure']);
    expect(parseNotify('Failure, cancelled')).toEqual(['failure', 'cancelled']);
  });

  it('rejects anything else with every choice', () => {
    expect(() => parseNotify('yes')).toThrow(
      "Invalid notify 'yes': expected true, false, success, failure, cancelled, skipped or started. A status list pings the room only on those statuses, e.g. notify: failure, cancelled.",
    );
    expect(() => parseNotify('true, failure')).toThrow(/^Invalid notify 'true, failure'/);
    expect(() => parseNotify('tRUE')).toThrow(/^Invalid notify 'tRUE'/);
  });
});

describe('parseStatusList', () => {
  it('takes the fallback when empty and names the input on a bad status', () => {
    expect(parseStatusList('mention_on', ' ', ['failure'])).toEqual(['failure']);
    expect(parseStatusList('mention_on', 'failure cancelled', ['failure'])).toEqual(['failure', 'cancelled']);
    expect(() => parseStatusList('mention_on', 'failed', [])).toThrow(
      "Invalid mention_on 'failed': expected success, failure, cancelled, skipped or started.",
    );
  });
});

describe('parseMentions', () => {
  it('takes @here, @all, mention names, and author and actor in their places', () => {
    expect(parseMentions('')).toEqual([]);
    expect(parseMentions('@here, @alice.smith\n@bob_2 @o-k')).toEqual(['@here', '@alice.smith', '@bob_2', '@o-k']);
    expect(parseMentions('author @here actor author')).toEqual(['author', '@here', 'actor']);
  });

  it.each(['alice', '@', '@al!ce', '@<b>', 'Author', 'committer'])('rejects %s, naming it', (mention) => {
    expect(() => parseMentions(`@here ${mention}`)).toThrow(
      `Invalid mention '${mention}': expected @here, @all, mention names such as @alice (an @, then letters, digits, '.', '_' or '-'), author (the commit's author) or actor (whoever started the run).`,
    );
  });
});

describe('parseNeeds', () => {
  const needs = JSON.stringify(
    {
      build: { result: 'success', outputs: { version: '1.2.0' } },
      test: { result: 'failure', outputs: {} },
      lint: { result: 'skipped', outputs: {} },
    },
    null,
    2,
  );

  it('reads toJSON(needs) in the workflow order', () => {
    expect(parseNeeds(needs)).toEqual([
      { name: 'build', result: 'success' },
      { name: 'test', result: 'failure' },
      { name: 'lint', result: 'skipped' },
    ]);
    expect(parseNeeds('  ')).toBeUndefined();
  });

  it.each([
    ['{"build": ', /^Invalid needs '\{"build":': it is not JSON \(.+\); pass needs: \$\{\{ toJSON\(needs\) \}\} from a job/],
    ['["build"]', /^Invalid needs '\["build"\]': expected a JSON object of jobs/],
    ['{}', /^Invalid needs '\{\}': it lists no jobs/],
    [
      '{"build": {"result": "passed"}}',
      'Invalid needs: job \'build\' has result "passed": expected success, failure, cancelled or skipped.',
    ],
    ['{"build": true}', "Invalid needs: job 'build' has result undefined: expected success, failure, cancelled or skipped."],
  ])('rejects %s', (raw, message) => {
    expect(() => parseNeeds(raw)).toThrow(message);
  });

  it('shortens a long value in the error', () => {
    expect(() => parseNeeds(`{${'x'.repeat(200)}`)).toThrow(new RegExp(`^Invalid needs '\\{${'x'.repeat(58)}…'`));
  });
});

describe('worstResult', () => {
  const jobs = (...results: ('success' | 'failure' | 'cancelled' | 'skipped')[]) =>
    results.map((result, n) => ({ name: `job${n}`, result }));

  it('is failure, then cancelled, then success; skipped only when every job was skipped', () => {
    expect(worstResult(jobs('success', 'cancelled', 'failure', 'skipped'))).toBe('failure');
    expect(worstResult(jobs('success', 'cancelled', 'skipped'))).toBe('cancelled');
    expect(worstResult(jobs('skipped', 'success'))).toBe('success');
    expect(worstResult(jobs('skipped', 'skipped'))).toBe('skipped');
  });
});

describe('readInputs', () => {
  function source(values: Record<string, string>) {
    const masked: string[] = [];
    const given: Record<string, string> = { server_url: 'https://hipchat.example.com', ...values };
    return { masked, getInput: (name: string) => given[name] ?? '', setSecret: (secret: string) => void masked.push(secret) };
  }

  it('masks the github_token as well, even when another input is invalid', async () => {
    const fake = source({ token: 'hc', github_token: ' ghs_abc ', room: 'Ops', status: 'success', send_when: 'sometimes' });
    await expect(readInputs(fake, {})).rejects.toThrow(/Invalid send_when 'sometimes'/);
    expect(fake.masked).toEqual(['hc', ' ghs_abc ', 'ghs_abc']);
  });

  it('takes the status from needs, ignoring the status input', async () => {
    const fake = source({ token: 'hc', room: 'Ops', status: '', needs: '{"a": {"result": "success"}, "b": {"result": "cancelled"}}' });
    expect(await readInputs(fake, {})).toMatchObject({ status: 'cancelled', needs: [{ name: 'a' }, { name: 'b' }] });
  });

  it('defaults to sending always, mentioning on failure, pinging never', async () => {
    const inputs = await readInputs(source({ token: 'hc', room: 'Ops', status: 'success' }), {});
    expect(inputs).toMatchObject({
      sendWhen: ['always'],
      mention: [],
      mentionOn: ['failure'],
      notify: [],
      needs: undefined,
      githubToken: '',
    });
  });
});
