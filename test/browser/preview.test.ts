// The room preview in a real browser: Debian's headless Chromium, driven by playwright-core. Notifications go in
// through dist/index.js (as the runner runs it) and straight to the simulator (what the action never sends: a
// rejected card, hostile html); the page must show each as HipChat would, live, and run none of their code. Set-up
// checks go in through dist/index.js too, and the page shows the last one's table.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Preview, startPreview } from '../../preview/server.ts';
import { DEMO_RUN_ID, runOptionsFor, SAMPLES } from '../../scripts/demo-samples.ts';
import { GITHUB_TOKEN, runAction, runCli } from '../e2e/run-action.ts';
import { exampleEvent, runnerEnvFor } from '../fixtures/events.ts';
import { startFakeGithub } from '../github-api/server.ts';
import { type Simulator, startSimulator } from '../simulator/server.ts';

// Debian's Chromium here and in .ci/run; GitHub's hosted runners have Google Chrome instead (see ci.yml).
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium reaches for Google's services, which are off limits here; the
// resolver rule makes sure no name but 127.0.0.1 is ever looked up, whatever a page or Chromium asks for.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const SCREENSHOT = resolve(import.meta.dirname, '../../test-output/preview.png');
const SCREENSHOT_WITH_PEOPLE = resolve(import.meta.dirname, '../../test-output/preview-private-messages.png');
const SCREENSHOT_WITH_CHECK = resolve(import.meta.dirname, '../../test-output/preview-check.png');
const TOKEN = 'browser-Token-1a2b3c';

let simulator: Simulator;
let preview: Preview;
let browser: Browser;
let page: Page;
/** Requests the page made beyond 127.0.0.1 (images in messages and cards): none reaches the network, none may be a script. */
const offsite: string[] = [];

/** Only what the preview serves reaches a page; the rest is noted in `offsite` and refused. */
async function openPreview(url: string): Promise<Page> {
  const opened = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
  await opened.route('**/*', (route) => {
    if (new URL(route.request().url()).hostname === '127.0.0.1') return route.continue();
    offsite.push(`${route.request().resourceType()} ${route.request().url()}`);
    return route.abort();
  });
  await opened.goto(url);
  return opened;
}

/** A page drawn from the first response alone, as a screenshot taken at load shows it; closed after `look`. */
async function atLoad(url: string, look: (fresh: Page) => Promise<void>): Promise<void> {
  const fresh = await browser.newPage();
  try {
    // Nothing but the page and its own scripts answers: the stream never opens and no other request gets through.
    await fresh.route('**/*', (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/events') return new Promise<void>(() => {});
      return ['/', '/app.js', '/render.js', '/sanitize.js', '/style.css'].includes(pathname) ? route.continue() : route.abort();
    });
    await fresh.goto(url, { waitUntil: 'load' });
    await look(fresh);
  } finally {
    await fresh.close();
  }
}

function post(body: unknown): Promise<Response> {
  return fetch(`${simulator.url}/v2/room/Operations/notification`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function runDist(eventName: string, status: string, inputs: Record<string, string>): Promise<void> {
  const event = exampleEvent(eventName, (p) => (eventName === 'push' ? p.commits.length > 0 : p.action === 'opened'));
  const run = await runAction({
    event,
    eventName,
    env: runnerEnvFor(eventName, event),
    jobStatus: status,
    inputs: { room: 'Operations', token: TOKEN, server_url: simulator.url, ...inputs },
  });
  expect(run.exitCode, run.visibleLog).toBe(0);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.`);
  }
  simulator = await startSimulator({
    rooms: [{ id: 1, name: 'Operations' }],
    users: [{ id: 7, email: 'octo.cat@example.com', mention_name: 'OctoCat', name: 'Octo Cat' }],
    tokens: [{ token: TOKEN, scopes: ['send_notification', 'send_message', 'admin_room', 'view_group'] }],
  });
  preview = await startPreview(simulator);

  await runDist('pull_request', 'failure', { format: 'html' });
  expect(
    (
      await post({
        message: 'Screenshot',
        card: { style: 'image', title: 'Screenshot', id: 'c1', thumbnail: { url: 'https://x/t.png', width: '43' } },
      })
    ).status,
  ).toBe(400);
  const hostile =
    '<b>Bold</b> <img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script>' +
    '<a href="javascript:window.pwned = 3">trap</a> <span style="color: red; position: fixed">styled</span>';
  expect((await post({ message: hostile })).status).toBe(400);
  expect(
    (await post({ message: '@here Deployed: https://deploy.example.com/runs/7.', message_format: 'text', color: 'purple' })).status,
  ).toBe(204);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  page = await openPreview(preview.url);
  await page.locator('article.entry').nth(3).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await simulator?.close();
});

describe('the room preview', () => {
  it('shows a card sent while the page is open at the top, without a reload', async () => {
    await runDist('push', 'success', { format: 'card' });
    const card = page.locator('article.entry').first();
    await expect.poll(() => card.locator('.card-title').textContent()).toBe('Codertocat/Hello-World: CI #42 succeeded');
    expect(await card.getAttribute('class')).toBe('entry entry-notification color-green');
    expect(await card.locator('.card-title a').getAttribute('href')).toBe(
      'https://github.com/Codertocat/Hello-World/actions/runs/9876543210',
    );
    const status = card.locator('.card-attribute', { hasText: 'Status' }).locator('.lozenge');
    expect(await status.textContent()).toBe('success');
    expect(await status.getAttribute('class')).toBe('lozenge lozenge-success');
    expect(await status.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).backgroundColor)).toBe(
      'rgb(20, 137, 44)',
    );
    expect(await card.locator('.card-attribute', { hasText: 'Branch' }).locator('a').textContent()).toBe('master');
    expect(await card.locator('.card-activity summary').textContent()).toContain('Codertocat/Hello-World: CI #42 succeeded');
    expect(await card.locator('.meta .from').textContent()).toBe('GitHub Actions');
    expect(await card.locator('.card-title img.card-icon').getAttribute('src')).toBe('https://github.com/favicon.ico');

    await mkdir(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('shows an html message with its links, coloured by the status', async () => {
    const message = page.locator('article.entry.color-red');
    const link = message.locator('.message-html a', { hasText: '#2 Update the README with new information.' });
    expect(await link.getAttribute('href')).toBe('https://github.com/Codertocat/Hello-World/pull/2');
    expect(await link.getAttribute('target')).toBe('_blank');
  });

  it('shows a text message with its addresses linked and its mentions marked', async () => {
    const message = page.locator('article.entry.color-purple .message-text');
    expect(await message.textContent()).toBe('@here Deployed: https://deploy.example.com/runs/7.');
    expect(await message.locator('a').getAttribute('href')).toBe('https://deploy.example.com/runs/7');
    expect(await message.locator('.mention').textContent()).toBe('@here');
  });

  it("shows why the server rejected a card, in the server's words", async () => {
    const rejected = page.locator('article.entry.rejected', { hasText: 'Screenshot' });
    expect(await rejected.locator('.rejection-heading').textContent()).toBe('Rejected: 400 Bad Request');
    expect(await rejected.locator('.rejection-reason').textContent()).toBe('Why: card.thumbnail.width must be a number (got string)');
    expect(await rejected.locator('.rejection-field').textContent()).toBe('Field: card');
  });

  it('shows hostile html as HipChat would keep it, and runs none of it', async () => {
    const rejected = page.locator('article.entry.rejected', { hasText: 'trap' });
    expect(await rejected.locator('.rejection-reason').textContent()).toMatch(/^Why: <img src> must be an http, https or mailto URL/);
    const shown = rejected.locator('.sent .message-html');
    expect(await shown.innerHTML()).toBe(
      '<b>Bold</b> <a target="_blank" rel="noopener noreferrer">trap</a> <span style="color: red;">styled</span>',
    );
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('#notifications script, #notifications [onerror]').count()).toBe(0);
  });

  it('draws the room the server already holds from the first response alone, as a screenshot at load shows it', async () => {
    await atLoad(preview.url, async (fresh) => {
      // count() does not wait: what it sees is what a screenshot taken at load would show.
      expect(await fresh.locator('article.entry').count()).toBe(await page.locator('article.entry').count());
      expect(await fresh.locator('#summary').textContent()).toMatch(/^\d+ delivered, \d+ rejected · newest first$/);
    });
  });

  it('lists newest first, and loads nothing from elsewhere but images', async () => {
    const ids = await page
      .locator('article.entry')
      .evaluateAll((articles) => articles.map((article) => Number(article.getAttribute('data-id'))));
    expect(ids).toEqual([5, 4, 3, 2, 1]);
    expect(await page.locator('#summary').textContent()).toBe('3 delivered, 2 rejected · newest first');
    expect(await page.locator('#status').textContent()).toBe('live');
    expect(offsite.filter((request) => !request.startsWith('image '))).toEqual([]);
  });

  it("shows the demo's failed run as the room would: each failed step, its error linked, and the log lines", async () => {
    const broken = SAMPLES.broken!;
    const github = await startFakeGithub({ tokens: [GITHUB_TOKEN] });
    try {
      const options = runOptionsFor(broken, github.url);
      github.addRuns({
        repository: options.env.GITHUB_REPOSITORY ?? '',
        id: DEMO_RUN_ID,
        run_number: 42,
        status: 'in_progress',
        jobs: broken.jobs!(),
      });
      const run = await runAction({
        ...options,
        inputs: { room: 'Operations', token: TOKEN, server_url: simulator.url, ...broken.inputs },
      });
      expect(run.exitCode, run.visibleLog).toBe(0);
    } finally {
      await github.close();
    }
    const message = page.locator('article.entry').first().locator('.message-html');
    await expect
      .poll(() => message.locator('pre').textContent())
      .toMatch(/× parser > reads a list: expected '<list>' to equal '<list\/>'\n.*\nProcess completed with exit code 1\.$/s);
    expect(await message.locator('a', { hasText: 'test (24)' }).getAttribute('href')).toMatch(/\/actions\/runs\/\d+\/job\/\d+$/);
    expect(await message.locator('a', { hasText: 'src/parser.test.ts:42' }).getAttribute('href')).toMatch(
      /\/blob\/[0-9a-f]{40}\/src\/parser\.test\.ts#L42$/,
    );
    expect(await message.textContent()).toContain(`e2e timed out in step "Run npm run e2e"`);
    // The log's '<list>' is text: escaped on the way, it became no element in the page.
    expect(await message.locator('list').count()).toBe(0);
    await page.screenshot({ path: SCREENSHOT.replace('preview.png', 'preview-failure.png'), fullPage: true });
  });

  it('shows a deploy thread: the finish under its start, the topic in the header, the log as an attachment line', async () => {
    const inputs = { room: 'Operations', token: TOKEN, server_url: simulator.url };
    const start = await runAction({ event: null, jobStatus: 'started', inputs: { ...inputs, status: 'started', send_as: 'message' } });
    expect(start.exitCode, start.visibleLog).toBe(0);
    const finish = await runAction({
      event: null,
      files: { 'logs/deploy.log': 'deploying...\ndone\n' },
      inputs: {
        ...inputs,
        reply_to: start.outputs.message_id ?? '',
        topic: 'production: {{ ref_name }} {{ short_sha }} {{ status_word }}',
        file: 'logs/deploy.log',
      },
    });
    expect(finish.exitCode, finish.visibleLog).toBe(0);

    const thread = page.locator(`article.entry-message[data-message-id="${start.outputs.message_id}"]`);
    await expect.poll(() => thread.locator('.thread article.entry-reply').count()).toBe(1);
    expect(await thread.locator('> .content > .message-text').textContent()).toMatch(/^acme\/api: CI #42 started on main/);
    expect(await thread.locator('.thread .entry-reply .message-text').textContent()).toMatch(/^acme\/api: CI #42 succeeded on main/);
    await expect.poll(() => page.locator('#topics .room-topic').textContent()).toBe('Operations: production: main abc1234 succeeded');
    const file = page.locator('article.entry-file').first();
    expect(await file.locator('.attachment-name').textContent()).toBe('📎 deploy.log');
    expect(await file.locator('.attachment-size').textContent()).toBe(' 18 bytes, text/plain');
    expect(await file.locator('.message-text').textContent()).toBe('deploy.log from CI #42');
    await page.screenshot({ path: SCREENSHOT.replace('preview.png', 'preview-thread.png'), fullPage: true });
  });

  it("shows each person's private messages in a side panel beside the room, newest first, and runs none of them", async () => {
    expect(await page.locator('.people').isVisible()).toBe(false);
    await runDist('push', 'failure', { private_message: 'author', user_map: 'Codertocat: "@OctoCat"' });
    const hostile = '<img src=x onerror="window.pwned = 4"> @here see https://ci.example.com/1';
    const sent = await fetch(`${simulator.url}/v2/user/@OctoCat/message`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: hostile }),
    });
    expect(sent.status).toBe(204);

    const person = page.locator('.people .person');
    await expect.poll(() => person.locator('.private-message').count()).toBe(2);
    expect(await page.locator('.people').isVisible()).toBe(true);
    expect(await person.count()).toBe(1);
    expect(await person.locator('.person-name').textContent()).toBe('Octo Cat');
    expect(await person.locator('.person-mention').textContent()).toBe('@OctoCat');
    const [newest, first] = [person.locator('.private-message').nth(0), person.locator('.private-message').nth(1)];
    expect(await newest.locator('.message-text').textContent()).toBe(hostile);
    expect(await newest.locator('.message-text a').getAttribute('href')).toBe('https://ci.example.com/1');
    expect(await first.locator('.message-text').textContent()).toMatch(/^Codertocat\/Hello-World: CI #42 failed on master \(\w{7}\)/);
    expect(await page.locator('.people img, .people script, .people [onerror]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    // The side panel sits beside the room, not under it.
    const room = await page.locator('#notifications').boundingBox();
    const panel = await page.locator('.people').boundingBox();
    expect(panel?.x).toBeGreaterThan((room?.x ?? 0) + (room?.width ?? 0) - 1);
    await page.screenshot({ path: SCREENSHOT_WITH_PEOPLE, fullPage: true });
  });
});

describe("the last set-up check's table", () => {
  const CHECK_TOKEN = 'check-Token-9f8e7d';
  // A room name is the user's input and goes into the request's path, and HipChat's answer quotes it.
  const HOSTILE_ROOM = '<img src=x onerror="window.pwned = 5">';
  let checked: Simulator;
  let checkPreview: Preview;
  let checkPage: Page;

  beforeAll(async () => {
    checked = await startSimulator({
      rooms: [
        { id: 1, name: 'Deploys' },
        { id: 2, name: 'Ops Room' },
      ],
      tokens: [{ token: CHECK_TOKEN }],
    });
    checkPreview = await startPreview(checked);
    checkPage = await openPreview(checkPreview.url);
    await checkPage.locator('#status[data-state="live"]').waitFor();
  });
  afterAll(async () => {
    await checkPage?.close();
    await checkPreview?.close();
    await checked?.close();
  });

  /** Each row's cells as text; sorted, for a check probes its rooms at once and they arrive in any order. */
  async function rows(of: Page = checkPage): Promise<string[][]> {
    const cells = await of
      .locator('#check tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.className, ...[...tr.children].map((td) => td.textContent ?? '')]));
    return cells.sort((a, b) => (a.join('\t') < b.join('\t') ? -1 : 1));
  }

  function expectNoToken(html: string): void {
    expect(html).not.toContain(CHECK_TOKEN);
  }

  it("shows a check run while the page is open: ✓ where the token may, ✗ with HipChat's answer, and runs no room name", async () => {
    expect(await checkPage.locator('#check').isVisible()).toBe(false);
    const run = await runAction({
      event: null,
      inputs: {
        room: `Deploys\nNowhere\n${HOSTILE_ROOM}`,
        token: CHECK_TOKEN,
        server_url: checked.url,
        check: 'true',
        timeout: '3',
        retries: '0',
      },
    });
    expect(run.exitCode, run.visibleLog).toBe(1);

    await expect.poll(() => checkPage.locator('#check tbody tr').count()).toBe(3);
    const endpoint = 'POST /v2/room/{id_or_name}/notification';
    expect(await rows()).toEqual([
      ['probe probe-ok', '✓', 'Deploys', endpoint, 'send_notification', '202 the token may'],
      ['probe probe-refused', '✗', HOSTILE_ROOM, endpoint, 'send_notification', `404 Not Found: Room ${HOSTILE_ROOM} not found`],
      ['probe probe-refused', '✗', 'Nowhere', endpoint, 'send_notification', '404 Not Found: Room Nowhere not found'],
    ]);
    expect(await checkPage.locator('#check').isVisible()).toBe(true);
    expect(await checkPage.locator('.check-summary').textContent()).toMatch(/ · 3 probes, 2 refused · each asked with auth_test/);
    // The name stayed text: no image in the table, and nothing ran.
    expect(await checkPage.locator('#check img, #check script, #check [onerror]').count()).toBe(0);
    expect(await checkPage.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    // A check posts nothing: the room stays empty.
    expect(await checkPage.locator('article.entry').count()).toBe(0);
    expectNoToken(await checkPage.content());
  });

  // The same token, a moment after the first: only the check's own GET /v2/capabilities tells the two apart.
  it('replaces it with the next check, run from the command line right after', async () => {
    const args = ['check', '--server-url', checked.url, '--room', 'Ops Room', '--room', 'Nowhere'];
    const { exitCode, output } = await runCli(args, { env: { HIPCHAT_TOKEN: CHECK_TOKEN } });
    expect(exitCode, output).toBe(1);

    const endpoint = 'POST /v2/room/{id_or_name}/notification';
    await expect
      .poll(() => rows())
      .toEqual([
        ['probe probe-ok', '✓', 'Ops Room', endpoint, 'send_notification', '202 the token may'],
        ['probe probe-refused', '✗', 'Nowhere', endpoint, 'send_notification', '404 Not Found: Room Nowhere not found'],
      ]);
    expect(await checkPage.locator('.check-summary').textContent()).toMatch(/ · 2 probes, 1 refused · /);
    expectNoToken(await checkPage.content());
    await mkdir(resolve(SCREENSHOT_WITH_CHECK, '..'), { recursive: true });
    await checkPage.screenshot({ path: SCREENSHOT_WITH_CHECK, fullPage: true });
  });

  it('draws the last check from the first response alone', async () => {
    await atLoad(checkPreview.url, async (fresh) => {
      // count() does not wait: what it sees is what the page drew from the data block.
      expect(await fresh.locator('#check tbody tr').count()).toBe(2);
      expect(await rows(fresh)).toEqual(await rows());
      expectNoToken(await fresh.content());
    });
  });
});
