// Who author and actor are, per event, and how they are found on HipChat: user_map first, then a lookup by commit
// email (never a noreply one), each person once, with a warning that says how to add anyone not found.
import { describe, expect, it } from 'vitest';
import { type GithubContext, githubContextFrom } from '../../src/context/github.js';
import type { CallResult } from '../../src/hipchat/delivery/deliver.js';
import type { UserLookup } from '../../src/hipchat/endpoints/user.js';
import { isHipChatUser, parsePrivateMessage } from '../../src/inputs/hipchat-users.js';
import { isBot, isNoreplyEmail, loginInNoreply, personOf } from '../../src/lookups/authors.js';
import { type LookUpUser, PeopleFinder, type PeopleQuestion } from '../../src/lookups/people.js';
import { parseUserMap } from '../../src/lookups/user-map.js';
import { exampleEvent, type Payload, runnerEnvFor } from '../fixtures/events.ts';

function contextOf(eventName: string, payload: Payload, env: Record<string, string> = {}): GithubContext {
  return githubContextFrom({ ...runnerEnvFor(eventName, payload), GITHUB_EVENT_NAME: eventName, ...env }, payload);
}

describe('who author and actor are', () => {
  it("push: the head commit's author, with login and commit email", () => {
    const push = exampleEvent('push', (p) => p.head_commit !== null);
    push.head_commit.author = { name: 'Octo Cat', email: 'octo.cat@example.com', username: 'octocat' };
    expect(personOf('author', contextOf('push', push))).toEqual({ reference: 'author', login: 'octocat', email: 'octo.cat@example.com' });
  });

  it("pull_request and release: their author's login; the actor is the sender", () => {
    const pr = exampleEvent('pull_request', (p) => p.action === 'opened');
    const context = contextOf('pull_request', pr, { GITHUB_ACTOR: 'mona' });
    expect(personOf('author', context)).toEqual({ reference: 'author', login: pr.pull_request.user.login, email: '' });
    expect(personOf('actor', context)).toEqual({ reference: 'actor', login: 'mona', email: '' });
    const release = exampleEvent('release', (p) => p.action === 'published');
    expect(personOf('author', contextOf('release', release))).toEqual({
      reference: 'author',
      login: release.release.author.login,
      email: '',
    });
  });

  it("workflow_run: the head commit's author by email, and by login when the email is a noreply one", () => {
    const run = exampleEvent('workflow_run');
    expect(personOf('author', contextOf('workflow_run', run))).toEqual({
      reference: 'author',
      login: '',
      email: run.workflow_run.head_commit.author.email,
    });
    run.workflow_run.head_commit.author.email = '21031067+Codertocat@users.noreply.github.com';
    expect(personOf('author', contextOf('workflow_run', run)).login).toBe('Codertocat');
  });

  it('any other event, and a push without a head commit: the actor, who on a re-run is whoever re-ran it', () => {
    const issue = exampleEvent('issues');
    expect(personOf('author', contextOf('issues', issue, { GITHUB_ACTOR: 'mona' }))).toEqual({
      reference: 'author',
      login: 'mona',
      email: '',
    });
    const deleted = exampleEvent('push', (p) => p.head_commit === null);
    expect(personOf('author', contextOf('push', deleted, { GITHUB_ACTOR: 'a', GITHUB_TRIGGERING_ACTOR: 'b' })).login).toBe('b');
  });

  it('actor on a push they made: the pusher, with the email the push gives', () => {
    const push = exampleEvent('push', (p) => p.head_commit !== null);
    push.pusher = { name: 'OctoCat', email: 'octo@example.com' };
    expect(personOf('actor', contextOf('push', push, { GITHUB_ACTOR: 'octocat' }))).toEqual({
      reference: 'actor',
      login: 'octocat',
      email: 'octo@example.com',
    });
    expect(personOf('actor', contextOf('push', push, { GITHUB_ACTOR: 'mona' })).email).toBe('');
  });

  it('knows noreply addresses, the login in them, and bots', () => {
    expect(isNoreplyEmail('21031067+Codertocat@users.noreply.github.com')).toBe(true);
    expect(isNoreplyEmail('octocat@users.noreply.ghe.example.com')).toBe(true);
    expect(isNoreplyEmail('noreply@github.com')).toBe(true);
    expect(isNoreplyEmail('octocat@github.com')).toBe(false);
    expect(loginInNoreply('octocat@users.noreply.github.com')).toBe('octocat');
    expect(loginInNoreply('octocat@example.com')).toBeUndefined();
    expect(isBot('dependabot[bot]')).toBe(true);
    expect(isBot('octocat')).toBe(false);
  });
});

describe('private_message', () => {
  it('takes author, actor, emails, @mention names and ids, once each', () => {
    expect(parsePrivateMessage('author, actor ann@example.com\n@Ann 42 author')).toEqual([
      'author',
      'actor',
      'ann@example.com',
      '@Ann',
      '42',
    ]);
    expect(parsePrivateMessage('')).toEqual([]);
  });

  it.each(['Author', 'ann', '@here', '@all', 'ann@', '<b>@x', 'a@b@c'])('rejects %s, naming it and what is accepted', (entry) => {
    expect(() => parsePrivateMessage(`author ${entry}`)).toThrow(
      `Invalid private_message '${entry}': expected author, actor, or a HipChat user's email (ann@example.com), @mention name (@Ann) or numeric id.`,
    );
  });

  it('takes an email of at most 254 characters', () => {
    expect(isHipChatUser(`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`)).toBe(true);
    expect(isHipChatUser(`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`)).toBe(false);
  });
});

describe('user_map', () => {
  it('reads YAML or JSON, keys in any case, values as email, @mention name or id', () => {
    const map = parseUserMap('OctoCat: octo.cat@example.com\nmona: "@Mona"\nHubot@Example.com: 42\n');
    expect([...map]).toEqual([
      ['octocat', 'octo.cat@example.com'],
      ['mona', '@Mona'],
      ['hubot@example.com', '42'],
    ]);
    expect([...parseUserMap('{"dependabot[bot]": "@Ops"}')]).toEqual([['dependabot[bot]', '@Ops']]);
  });

  it.each([
    [
      'mona: @Mona',
      /^Invalid user_map \(line 1, column 7\): .*reserved character @.*\. Expected a YAML or JSON mapping .*quote an @mention name: 'mona: "@Mona"'/,
    ],
    ['- octocat', /^Invalid user_map: expected a YAML or JSON mapping of GitHub login or commit email to HipChat user/],
    ['octo cat: a@b.c', /^Invalid user_map key 'octo cat': expected a GitHub login such as octocat, or a commit email/],
    ['octocat: Octo', /^Invalid user_map value for 'octocat': "Octo" is not a HipChat user; expected an email, an @mention name/],
    ['octocat: "@all"', /^Invalid user_map value for 'octocat': "@all" is not a HipChat user/],
    ['octocat: [a@b.c]', /^Invalid user_map value for 'octocat': \["a@b.c"\] is not a HipChat user/],
    ['octocat:', /^Invalid user_map value for 'octocat': null is not a HipChat user/],
    ['octocat: a@b.c\nOctoCat: "@Octo"', /^Invalid user_map: 'OctoCat' is given twice \(logins and emails ignore case\)\.$/],
  ])('refuses %j, saying what is wrong', (text, message) => {
    expect(() => parseUserMap(text)).toThrow(message);
  });
});

const OCTO = { id: 7, mention_name: 'OctoCat', name: 'Octo Cat', email: 'octo.cat@example.com' };

/** A HipChat that knows OCTO, counting what it is asked. */
function fakeHipChat(answers: Record<string, CallResult<UserLookup>> = {}) {
  const asked: string[] = [];
  const lookUp: LookUpUser = async (user) => {
    asked.push(user);
    const known = answers[user];
    if (known) return known;
    const found = [OCTO.email, String(OCTO.id), `@${OCTO.mention_name}`].includes(user);
    return {
      ok: true,
      status: found ? 200 : 404,
      attempts: 1,
      value: found ? { found: true, user: OCTO } : { found: false, said: `(HipChat said: 404 User ${user} not found)` },
    };
  };
  return { asked, lookUp };
}

function pushBy(author: { email?: string; username?: string }, actor = 'octocat'): GithubContext {
  const commit = { id: 'a'.repeat(40), message: 'x', author: { name: 'Someone', ...author } };
  return githubContextFrom({ GITHUB_EVENT_NAME: 'push', GITHUB_ACTOR: actor }, { head_commit: commit, commits: [commit] });
}

async function find(question: PeopleQuestion, github: GithubContext, map = '', hipchat = fakeHipChat()) {
  const log: string[] = [];
  const people = await new PeopleFinder({
    github,
    userMap: map ? parseUserMap(map) : undefined,
    lookUp: hipchat.lookUp,
    log: { info: (message) => log.push(`info ${message}`), warning: (message) => log.push(`warning ${message}`) },
  }).find(question);
  return { people, log, asked: hipchat.asked };
}

describe('finding people on HipChat', () => {
  it('looks the commit email up, and mentions and messages the user found, asking once for author and actor', async () => {
    const { people, asked, log } = await find(
      { mention: ['author', 'actor'], privateMessage: ['author', 'actor'] },
      pushBy({ email: 'octo.cat@example.com', username: 'octocat' }),
    );
    expect(asked).toEqual(['octo.cat@example.com']);
    expect([...people.mentions]).toEqual([
      ['author', '@OctoCat'],
      ['actor', '@OctoCat'],
    ]);
    expect(people.recipients).toEqual([{ entries: ['author', 'actor'], user: '7' }]);
    expect(log).toEqual([
      "info The author and actor 'octocat' (octo.cat@example.com) is @OctoCat (user 7) on HipChat, found by GET /v2/user/{id_or_email}.",
    ]);
  });

  it('takes an @mention name from user_map as it is, by login or email, and asks HipChat nothing', async () => {
    const byLogin = await find(
      { mention: ['author'], privateMessage: ['author'] },
      pushBy({ email: 'x@example.com', username: 'OctoCat' }),
      'octocat: "@Octo"',
    );
    expect(byLogin.asked).toEqual([]);
    expect(byLogin.people.mentions.get('author')).toBe('@Octo');
    expect(byLogin.people.recipients).toEqual([{ entries: ['author'], user: '@Octo' }]);
    const byEmail = await find({ mention: ['author'], privateMessage: [] }, pushBy({ email: 'X@example.com' }), 'x@example.com: "@Ex"');
    expect(byEmail.people.mentions.get('author')).toBe('@Ex');
  });

  it('looks a user_map email or id up only for a mention: a private message goes to it as it is', async () => {
    const github = pushBy({ email: 'personal@example.com', username: 'octocat' });
    const message = await find({ mention: [], privateMessage: ['author'] }, github, 'octocat: octo.cat@example.com');
    expect(message.asked).toEqual([]);
    expect(message.people.recipients).toEqual([{ entries: ['author'], user: 'octo.cat@example.com' }]);
    const mention = await find({ mention: ['author'], privateMessage: ['author'] }, github, 'octocat: 7');
    expect(mention.asked).toEqual(['7']);
    expect(mention.people.mentions.get('author')).toBe('@OctoCat');
    expect(mention.people.recipients).toEqual([{ entries: ['author'], user: '7' }]);
  });

  it('never looks a noreply address up, and says how to add the person to user_map', async () => {
    const { people, asked, log } = await find(
      { mention: ['author'], privateMessage: ['author'] },
      pushBy({ email: '21031067+Codertocat@users.noreply.github.com', username: 'Codertocat' }),
    );
    expect(asked).toEqual([]);
    expect(people.mentions.size).toBe(0);
    const warning =
      "The author 'Codertocat' (21031067+Codertocat@users.noreply.github.com) is not in user_map, and their commit email is GitHub's noreply address, which no HipChat user has.";
    expect(log).toEqual([
      `warning ${warning} So they are not mentioned and get no private message. Add them to user_map, e.g. 'Codertocat: their.email@example.com' or 'Codertocat: "@TheirMentionName"'.`,
    ]);
    expect(people.recipients).toEqual([{ entries: ['author'], user: '', problem: warning }]);
  });

  it('warns about an email HipChat does not know, a wrong user_map entry, and a refused lookup', async () => {
    const unknown = await find({ mention: ['author'], privateMessage: [] }, pushBy({ email: 'new@example.com', username: 'newbie' }));
    expect(unknown.log).toEqual([
      "warning HipChat has no user with the commit email of the author 'newbie' (new@example.com) (HipChat said: 404 User new@example.com not found). So they are not mentioned. Add them to user_map, e.g. 'newbie: their.email@example.com' or 'newbie: \"@TheirMentionName\"'.",
    ]);
    const wrong = await find({ mention: ['author'], privateMessage: [] }, pushBy({ username: 'newbie' }), 'newbie: gone@example.com');
    expect(wrong.log[0]).toBe(
      "warning The author 'newbie' is 'gone@example.com' in user_map, but HipChat has no such user (HipChat said: 404 User gone@example.com not found). So they are not mentioned. Correct user_map.",
    );
    const error = "The token may not look up user 'octo.cat@example.com' (…): it needs the view_group scope.";
    const refused = await find(
      { mention: ['author'], privateMessage: ['author'] },
      pushBy({ email: 'octo.cat@example.com' }),
      '',
      fakeHipChat({ 'octo.cat@example.com': { ok: false, status: 403, attempts: 1, error } }),
    );
    expect(refused.log).toEqual([
      `warning Could not look up the author (octo.cat@example.com) on HipChat: ${error} So they are not mentioned and get no private message.`,
    ]);
  });

  it('names a bot in the log only, and warns when the event gives nothing to look up', async () => {
    const bot = await find({ mention: ['author'], privateMessage: [] }, pushBy({ username: 'dependabot[bot]' }));
    expect(bot.log).toEqual(["info The author 'dependabot[bot]' is a bot, which is nobody on HipChat."]);
    const pr = exampleEvent('pull_request', (p) => p.action === 'opened');
    const author = await find({ mention: ['author'], privateMessage: [] }, contextOf('pull_request', pr));
    expect(author.log[0]).toMatch(
      /^warning The author '.+' is not in user_map, and the event gives no commit email for them\. So they are not mentioned\./,
    );
    const nobody = await find({ mention: ['actor'], privateMessage: [] }, githubContextFrom({}, {}));
    expect(nobody.log[0]).toMatch(/^warning The actor is not in user_map, and the event names no one\. .* e\.g\. 'their-login: /);
  });

  it('mentions no one by a mention name a message cannot carry, such as all, but still sends the private message', async () => {
    for (const mentionName of ['all', 'HERE', 'Octo Cat', '<b>x</b>']) {
      const hostile = fakeHipChat({
        'octo.cat@example.com': {
          ok: true,
          status: 200,
          attempts: 1,
          value: { found: true, user: { ...OCTO, mention_name: mentionName } },
        },
      });
      const { people, log } = await find(
        { mention: ['author'], privateMessage: ['author'] },
        pushBy({ email: 'octo.cat@example.com' }),
        '',
        hostile,
      );
      expect(people.mentions.size).toBe(0);
      expect(people.recipients).toEqual([{ entries: ['author'], user: '7' }]);
      expect(log[0]).toContain(
        `warning HipChat gives the author (octo.cat@example.com) the mention name '${mentionName}', which a message cannot carry`,
      );
    }
  });

  it('sends each person one private message, whatever names them', async () => {
    const { people, asked } = await find(
      { mention: [], privateMessage: ['author', 'Octo.Cat@example.com', '@octocat', '7', '@Mona', 'actor'] },
      pushBy({ email: 'octo.cat@example.com' }, 'mona'),
      'mona: "@Mona"',
    );
    expect(asked).toEqual(['octo.cat@example.com']);
    expect(people.recipients).toEqual([
      { entries: ['author', 'Octo.Cat@example.com', '@octocat', '7'], user: '7' },
      { entries: ['@Mona', 'actor'], user: '@Mona' },
    ]);
  });

  it('in a dry run, asks HipChat nothing and says who it would have looked up', async () => {
    const log: string[] = [];
    const people = await new PeopleFinder({
      github: pushBy({ email: 'octo.cat@example.com', username: 'octocat' }, 'mona'),
      userMap: parseUserMap('mona: "@Mona"'),
      lookUp: undefined,
      log: { info: (message) => log.push(message), warning: (message) => log.push(`warning ${message}`) },
    }).find({ mention: ['author', 'actor'], privateMessage: [] });
    expect([...people.mentions]).toEqual([['actor', '@Mona']]);
    expect(log).toEqual([
      "Dry run: the author 'octocat' (octo.cat@example.com) would be looked up on HipChat with GET /v2/user/{id_or_email}, which a dry run does not ask.",
      "The actor 'mona' is '@Mona' on HipChat, as user_map says.",
    ]);
  });
});
