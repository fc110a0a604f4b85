import { describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import type { JobStatus } from '../../src/inputs/parse.js';
import { resolveColor } from '../../src/render/color.js';
import { defaultMessage } from '../../src/render/default-message.js';
import { escapeHtml } from '../../src/render/html.js';
import { composeNotification } from '../../src/render/notification.js';
import { buildView } from '../../src/view.js';

const ENV = {
  GITHUB_REPOSITORY: 'acme/api',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_SHA: 'abc1234def5678abc1234def5678abc1234def56',
  GITHUB_ACTOR: 'octocat',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_WORKFLOW: 'CI',
  GITHUB_RUN_ID: '987',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_SERVER_URL: 'https://github.example.com/',
};

function view(status: JobStatus = 'success', env: Record<string, string> = {}, event: Record<string, unknown> = {}) {
  return buildView(githubContextFrom({ ...ENV, ...env }, event), status);
}

describe('buildView', () => {
  it('builds every link from GITHUB_SERVER_URL', () => {
    const v = view();
    expect(v.run_url).toBe('https://github.example.com/acme/api/actions/runs/987');
    expect(v.commit_url).toBe('https://github.example.com/acme/api/commit/abc1234def5678abc1234def5678abc1234def56');
    expect(v.ref_url).toBe('https://github.example.com/acme/api/tree/main');
    expect(v.short_sha).toBe('abc1234');
  });

  it('falls back to github.com when the variable is missing', () => {
    expect(buildView(githubContextFrom({ GITHUB_REPOSITORY: 'a/b', GITHUB_RUN_ID: '1' }, {}), 'success').run_url).toBe(
      'https://github.com/a/b/actions/runs/1',
    );
  });

  it('links a re-run to its attempt', () => {
    expect(view('success', { GITHUB_RUN_ATTEMPT: '3' }).run_url).toMatch(/\/runs\/987\/attempts\/3$/);
  });

  it('reports a pull request by its head branch and head commit, not the merge commit', () => {
    const v = view(
      'failure',
      { GITHUB_HEAD_REF: 'feature/x y', GITHUB_REF_NAME: '7/merge' },
      {
        pull_request: { head: { sha: 'fedcba9876543210' } },
      },
    );
    expect(v.ref_name).toBe('feature/x y');
    expect(v.branch).toBe('feature/x y');
    expect(v.ref_url).toBe('https://github.example.com/acme/api/tree/feature/x%20y');
    expect(v.short_sha).toBe('fedcba9');
    expect(v.status_word).toBe('failed');
  });
});

describe('resolveColor', () => {
  it('follows the status when auto', () => {
    const colors = (['success', 'failure', 'cancelled', 'skipped', 'started'] as const).map((s) => resolveColor('auto', s));
    expect(colors).toEqual(['green', 'red', 'gray', 'yellow', 'yellow']);
  });

  it('keeps an explicit colour', () => {
    expect(resolveColor('purple', 'failure')).toBe('purple');
  });
});

describe('defaultMessage', () => {
  it('says what happened in text', () => {
    expect(defaultMessage(view(), 'text')).toBe(
      'acme/api: CI #42 succeeded on main (abc1234) by octocat\nhttps://github.example.com/acme/api/actions/runs/987',
    );
  });

  it('links run, branch and commit in html', () => {
    expect(defaultMessage(view('cancelled'), 'html')).toBe(
      '<a href="https://github.example.com/acme/api/actions/runs/987">acme/api: CI #42</a> was cancelled on ' +
        '<a href="https://github.example.com/acme/api/tree/main">main</a> (' +
        '<a href="https://github.example.com/acme/api/commit/abc1234def5678abc1234def5678abc1234def56">abc1234</a>) by octocat',
    );
  });

  it('escapes values from the run in html', () => {
    const html = defaultMessage(view('success', { GITHUB_HEAD_REF: '<img src=x onerror=alert(1)>', GITHUB_WORKFLOW: 'A & "B"' }), 'html');
    expect(html).toContain('acme/api: A &amp; &quot;B&quot; #42');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('names the failed and cancelled jobs of needs first, with the event details after', () => {
    const jobs = [
      { name: 'build', result: 'success' },
      { name: 'test', result: 'failure' },
      { name: 'lint', result: 'failure' },
      { name: 'deploy', result: 'cancelled' },
      { name: 'docs', result: 'skipped' },
    ] as const;
    const withJobs = buildView(
      githubContextFrom(ENV, { commits: [{ id: 'abc1234def', message: 'Fix parser', author: { username: 'mona' } }] }),
      'failure',
      jobs,
    );
    expect(withJobs.jobs).toEqual(jobs);
    expect(withJobs.failed_jobs).toEqual(['test', 'lint']);
    expect(defaultMessage(withJobs, 'text').split('\n').slice(0, 4)).toEqual([
      'acme/api: CI #42 failed on main (abc1234) by octocat',
      'Failed: test, lint',
      'Cancelled: deploy',
      '• abc1234 Fix parser (mona)',
    ]);
    expect(defaultMessage(view('failure'), 'text')).not.toContain('Failed:');
  });

  it('leaves out what the run does not know', () => {
    const bare = buildView(githubContextFrom({ GITHUB_REPOSITORY: 'a/b', GITHUB_WORKFLOW: 'W', GITHUB_RUN_NUMBER: '1' }, {}), 'started');
    expect(defaultMessage(bare, 'text')).toBe('a/b: W #1 started');
    expect(defaultMessage(bare, 'html')).toBe('a/b: W #1 started');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('composeNotification', () => {
  it('resolves the colour from the status and keeps the options', () => {
    const options = { format: 'text', color: 'auto', notify: ['failure'], from: 'CI' } as const;
    expect(composeNotification(view('failure'), 'm', undefined, options)).toEqual({
      message: 'm',
      color: 'red',
      notify: true,
      from: 'CI',
      format: 'text',
    });
  });

  it('pings the room only on the statuses notify lists', () => {
    const options = { format: 'text', color: 'auto', notify: ['failure', 'cancelled'], from: '' } as const;
    expect(composeNotification(view('success'), 'm', undefined, options).notify).toBe(false);
    expect(composeNotification(view('cancelled'), 'm', undefined, options).notify).toBe(true);
  });
});
