// The command line's own logic: options to inputs, the github context of a shell, the console, the help.
import { describe, expect, it } from 'vitest';
import { OWN_OPTIONS, optionName, parseCliArgs, UsageError } from '../../src/cli/args.js';
import { consoleCore } from '../../src/cli/console-core.js';
import { type DeclaredInput, parseDeclaredInputs, readDeclaredInputs } from '../../src/cli/declared-inputs.js';
import { guessEventName, localGithubEnv } from '../../src/cli/github-env.js';
import { usage } from '../../src/cli/usage.js';
import { exampleEvent } from '../fixtures/events.ts';

const declared = readDeclaredInputs();

function parse(...argv: string[]) {
  return parseCliArgs(argv, declared);
}

describe('the inputs the command line offers', () => {
  it('are every input of action.yml, with switches for the boolean ones and a shell default for job.status', () => {
    const byName = new Map(declared.map((input) => [input.name, input]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['room', 'token', 'server_url', 'format', 'template_file', 'status']));
    expect(byName.get('notify')).toMatchObject({ isSwitch: true, default: 'false' });
    expect(byName.get('fail_on_error')).toMatchObject({ isSwitch: true, default: 'true' });
    expect(byName.get('status')).toMatchObject({ isSwitch: false, default: 'success' });
    expect(byName.get('server_url')?.description).toMatch(/HipChat Server/);
  });

  it('leave other expressions empty, since a shell has no value for them', () => {
    const parsed = parseDeclaredInputs('inputs:\n  needs:\n    default: ${{ toJSON(needs) }}\n  bare:\n');
    expect(parsed).toEqual([
      { name: 'needs', description: '', default: '', isSwitch: false },
      { name: 'bare', description: '', default: '', isSwitch: false },
    ]);
  });

  it('never collide with the options of the command itself, but for --dry-run, which is the dry_run input', () => {
    const options = declared.flatMap((input) => [optionName(input.name), `no-${optionName(input.name)}`]);
    expect(options.filter((option) => Object.hasOwn(OWN_OPTIONS, option))).toEqual(['dry-run']);
    expect(usage(declared)).toMatch(/^ {2}--dry-run {2,}Print every request the step would make/m);
    expect(usage(declared)).not.toContain('--no-dry-run');
  });
});

describe('parseCliArgs', () => {
  it('maps --kebab-case options to snake_case inputs, in both spellings and both forms', () => {
    expect(parse('--room', 'Operations', '--server-url=https://hc.example.com', '--template_file', 'msg.liquid').inputs).toEqual({
      room: 'Operations',
      server_url: 'https://hc.example.com',
      template_file: 'msg.liquid',
    });
  });

  it('maps an input added to action.yml with no change to the command line', () => {
    const withRetries: DeclaredInput[] = [...declared, { name: 'max_retries', description: '', default: '3', isSwitch: false }];
    expect(parseCliArgs(['--max-retries', '5'], withRetries).inputs).toEqual({ max_retries: '5' });
  });

  it('gives one line per repeated option, so several rooms can be named', () => {
    expect(parse('--room', 'Operations', '--room', 'Dev Ops, Europe').inputs.room).toBe('Operations\nDev Ops, Europe');
  });

  it('reads switches alone, negated, or with a value for the input to check', () => {
    expect(parse('--notify', '--room', 'A').inputs).toEqual({ notify: 'true', room: 'A' });
    expect(parse('--no-fail-on-error').inputs).toEqual({ fail_on_error: 'false' });
    expect(parse('--notify', 'false').inputs).toEqual({ notify: 'false' });
    expect(parse('--notify=yes').inputs).toEqual({ notify: 'yes' });
    expect(() => parse('--no-notify=true')).toThrow('Option --no-notify takes no value: use --notify=true instead.');
  });

  it('keeps values that look like options when written with =', () => {
    expect(parse('--template=--{{ status }}--').inputs).toEqual({ template: '--{{ status }}--' });
    expect(parse('--from', '-x').inputs).toEqual({ from: '-x' });
  });

  it('reads the options of the command itself', () => {
    expect(parse('--event', 'push.json', '--event-name=push', '--repository', 'acme/api', '--dry-run')).toEqual({
      inputs: {},
      event: 'push.json',
      eventName: 'push',
      repository: 'acme/api',
      dryRun: true,
      help: false,
    });
    expect(parse('-h').help).toBe(true);
    expect(parse('--help').help).toBe(true);
  });

  it('names the option and what is expected in every mistake', () => {
    expect(() => parse('--room')).toThrow(new UsageError('Option --room needs a value, e.g. --room VALUE or --room=VALUE.'));
    expect(() => parse('--room', '--notify')).toThrow(/Option --room needs a value/);
    expect(() => parse('--colour', 'red')).toThrow('Unknown option --colour. Did you mean --color? Run with --help for the options.');
    expect(() => parse('--frobnicate')).toThrow('Unknown option --frobnicate. Run with --help for the options.');
    expect(() => parse('--dry-run=yes')).toThrow('Option --dry-run takes no value.');
  });

  it('does not repeat a stray argument, which may be a token', () => {
    expect(() => parse('--dry-run', 's3cret-token')).toThrow(
      'Unexpected argument 2: options start with --, e.g. --room Operations. Run with --help for the options.',
    );
  });
});

describe('localGithubEnv', () => {
  const push = exampleEvent('push', (p) => p.ref === 'refs/heads/master' && p.commits.length > 0);
  const pullRequest = exampleEvent('pull_request', (p) => p.action === 'opened');
  const release = exampleEvent('release', (p) => p.action === 'published');

  it('guesses the common events from the payload, and push otherwise', () => {
    expect(guessEventName(push)).toBe('push');
    expect(guessEventName(pullRequest)).toBe('pull_request');
    expect(guessEventName(release)).toBe('release');
    expect(guessEventName(exampleEvent('workflow_run'))).toBe('workflow_run');
    expect(guessEventName(exampleEvent('issue_comment'))).toBe('issue_comment');
    expect(guessEventName(exampleEvent('issues'))).toBe('issues');
    expect(guessEventName({})).toBe('push');
  });

  it('fills in what a runner would set from the payload, and what no payload holds from the defaults', () => {
    expect(localGithubEnv({}, pullRequest, { eventPath: '/tmp/pr.json' })).toEqual({
      GITHUB_EVENT_PATH: '/tmp/pr.json',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_ACTOR: 'Codertocat',
      GITHUB_REF: 'refs/pull/2/merge',
      GITHUB_REF_NAME: '2/merge',
      GITHUB_REF_TYPE: 'branch',
      // An opened pull request has no merge commit yet.
      GITHUB_SHA: pullRequest.pull_request.head.sha,
      GITHUB_HEAD_REF: 'changes',
      GITHUB_BASE_REF: 'master',
      GITHUB_WORKFLOW: 'local',
      GITHUB_RUN_NUMBER: '1',
      GITHUB_JOB: 'notify',
    });
    expect(localGithubEnv({}, release, {})).toMatchObject({
      GITHUB_REF: 'refs/tags/0.0.1',
      GITHUB_REF_NAME: '0.0.1',
      GITHUB_REF_TYPE: 'tag',
    });
    expect(localGithubEnv({}, push, {})).toMatchObject({ GITHUB_REF_NAME: 'master', GITHUB_SHA: push.after });
  });

  it('takes the server from a GitHub Enterprise payload, so links point at it', () => {
    const ghes = exampleEvent('push', () => true, 'ghes-35');
    expect(localGithubEnv({}, ghes, {}).GITHUB_SERVER_URL).toBe(new URL(ghes.repository.html_url).origin);
  });

  it('lets variables already set win over the payload, and the options win over both', () => {
    const env = {
      GITHUB_REPOSITORY: 'acme/api',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_NUMBER: '42',
      GITHUB_EVENT_NAME: 'push',
      PATH: '/bin',
    };
    const merged = localGithubEnv(env, pullRequest, { eventName: 'pull_request_target' });
    expect(merged).toMatchObject({ ...env, GITHUB_REF_NAME: 'main', GITHUB_EVENT_NAME: 'pull_request_target' });
    expect(localGithubEnv(env, pullRequest, { repository: 'other/repo' })).toMatchObject({
      GITHUB_REPOSITORY: 'other/repo',
      GITHUB_REPOSITORY_OWNER: 'other',
    });
  });
});

describe('consoleCore', () => {
  it('reads inputs as core.getInput does, masks secrets in every line, and keeps the outputs', () => {
    const lines: string[] = [];
    const core = consoleCore({ room: '  Operations \n', token: 'tok-123' }, { write: (line) => lines.push(line), debug: false });
    expect(core.getInput('room')).toBe('Operations');
    expect(core.getInput('missing')).toBe('');
    core.setSecret('tok-123');
    core.info('sent with tok-123');
    core.warning('tok-123 is odd');
    core.debug('hidden');
    core.setOutput('ok', 'true');
    expect(core.failed).toBe(false);
    core.setFailed('failed with tok-123');
    expect(lines).toEqual(['sent with ***', 'warning: *** is odd', 'error: failed with ***']);
    expect(core.outputs).toEqual({ ok: 'true' });
    expect(core.failed).toBe(true);
  });

  it('shows debug lines when asked', () => {
    const lines: string[] = [];
    consoleCore({}, { write: (line) => lines.push(line), debug: true }).debug('body');
    expect(lines).toEqual(['debug: body']);
  });
});

describe('usage', () => {
  it('lists every input of action.yml and every option of the command', () => {
    const text = usage(declared);
    for (const input of declared) expect(text).toContain(`--${optionName(input.name)}`);
    for (const option of Object.keys(OWN_OPTIONS)) expect(text).toContain(`--${option}`);
    expect(text).toContain('--notify, --no-notify');
    expect(text).toMatch(/--status VALUE[\s\S]*\(default:\s+success\)/);
  });
});
