import { describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import type { JobStatus } from '../../src/inputs/parse.js';
import { defaultMessage } from '../../src/render/default-message.js';
import { buildView } from '../../src/view.js';
import { COVERED_EVENTS, eventCases, runEnv } from '../fixtures/catalog.ts';
import { exampleEvent } from '../fixtures/events.ts';
import { validateNotification } from '../simulator/validate-notification.ts';

const cases = eventCases();

function render(
  eventName: string,
  payload: Record<string, unknown>,
  env: Record<string, string>,
  format: 'html' | 'text',
  status: JobStatus = 'success',
) {
  return defaultMessage(buildView(githubContextFrom({ ...env, GITHUB_EVENT_NAME: eventName }, payload), status), format);
}

describe('default messages for every event and payload', () => {
  it('covers each listed event with real payloads from github.com and GitHub Enterprise Server', () => {
    const names = new Set(cases.map((c) => c.eventName));
    for (const event of [...Object.keys(COVERED_EVENTS), 'schedule']) expect(names).toContain(event);
    expect(cases.filter((c) => c.label.includes('ghes-35')).length).toBeGreaterThan(20);
  });

  it.each(cases.map((c) => [c.label, c] as const))('%s: accepted by the simulator in html and text, linked to the run', (_, c) => {
    const repository = c.env.GITHUB_REPOSITORY as string;
    const runUrl = `${c.env.GITHUB_SERVER_URL}/${repository}/actions/runs/9876543210`;
    for (const format of ['html', 'text'] as const) {
      const message = render(c.eventName, c.payload, c.env, format);
      const validation = validateNotification({ message, message_format: format });
      expect(validation.ok ? 'accepted' : validation.error.error).toBe('accepted');
      expect(message.replace(/<[^>]+>/g, '')).toContain(`${repository}: CI #42 succeeded`);
      expect(message).toContain(format === 'html' ? `<a href="${runUrl}">` : `\n${runUrl}`);
      expect(message).not.toMatch(/undefined|null|\[object Object\]/);
      if (c.env.GITHUB_SERVER_URL !== 'https://github.com') expect(message).not.toContain('https://github.com/');
    }
  });
});

describe('what each default message says', () => {
  const first = (eventName: string, action?: string) => {
    const c = cases.find(
      (x) => x.eventName === eventName && x.label.includes('api.github.com') && (!action || x.payload.action === action),
    );
    if (!c) throw new Error(`no case for ${eventName} ${action}`);
    return (format: 'html' | 'text', status?: 'failure') => render(c.eventName, c.payload, c.env, format, status);
  };

  it('push to a branch: branch, commit and pusher, with the commit listed', () => {
    expect(first('push')('text')).toBe(
      'Codertocat/Hello-World: CI #42 succeeded on tag simple-tag (6113728) by Codertocat\nhttps://github.com/Codertocat/Hello-World/actions/runs/9876543210',
    );
  });

  it('push of several commits: the first five with titles and authors, then a link to the rest', () => {
    const push = exampleEvent('push', (p) => p.ref === 'refs/heads/master' && p.commits.length === 1);
    const template = push.commits[0];
    push.commits = Array.from({ length: 7 }, (_, n) => ({
      ...template,
      id: `${n}${'a'.repeat(39)}`,
      message: `Change ${n}\n\nbody`,
      author: { name: `Dev ${n}`, username: `dev${n}` },
    }));
    const html = render('push', push, runEnv('push', push), 'html');
    const lines = html.split('<br>');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe(
      '• <a href="https://github.com/Codertocat/Hello-World/commit/0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">0aaaaaa</a> Change 0 (dev0)',
    );
    expect(lines[6]).toBe(`<a href="${push.compare}">and 2 more</a>`);

    push.before = 'b'.repeat(40);
    const text = render('push', push, runEnv('push', push), 'text');
    expect(text.split('\n').at(-1)).toBe(`https://github.com/Codertocat/Hello-World/compare/bbbbbbbbbbbb...${push.after.slice(0, 12)}`);
  });

  it('pull request: number, title, action and branches', () => {
    expect(first('pull_request', 'opened')('html', 'failure')).toBe(
      '<a href="https://github.com/Codertocat/Hello-World/actions/runs/9876543210">Codertocat/Hello-World: CI #42</a> failed on pull request ' +
        '<a href="https://github.com/Codertocat/Hello-World/pull/2">#2 Update the README with new information.</a> (opened by Codertocat)<br>' +
        '<a href="https://github.com/Codertocat/Hello-World/tree/changes">changes</a> → <a href="https://github.com/Codertocat/Hello-World/tree/master">master</a> ' +
        '(<a href="https://github.com/Codertocat/Hello-World/commit/ec26c3e57ca3a959ca5aad62de7213c562f8c821">ec26c3e</a>)',
    );
  });

  it('release: name, tag and link', () => {
    expect(first('release', 'published')('text')).toBe(
      'Codertocat/Hello-World: CI #42 succeeded for release 0.0.1 (published by Codertocat)\n' +
        'https://github.com/Codertocat/Hello-World/actions/runs/9876543210\nhttps://github.com/Codertocat/Hello-World/releases/tag/0.0.1',
    );
  });

  it('workflow run: the triggering run, its outcome and branch', () => {
    expect(first('workflow_run')('text').split('\n').slice(0, 2)).toEqual([
      'Codertocat/Hello-World: CI #42 succeeded after Manually triggered workflow #36 (queued) on main',
      'Update milestone-created.yml',
    ]);
  });

  it('deployment status: environment and state', () => {
    expect(first('deployment_status')('text')).toMatch(
      /^Codertocat\/Hello-World: CI #42 succeeded for the deployment of master to production: success\n/,
    );
  });

  it('an event without a message of its own: the event name, ref and actor', () => {
    const watch = exampleEvent('watch');
    expect(render('watch', watch, runEnv('watch', watch), 'text')).toMatch(
      /^Codertocat\/Hello-World: CI #42 succeeded on watch of main \(c0ffee0\) by Codertocat\n/,
    );
  });
});
