import { InputError } from '../inputs/errors.js';
import { isEmail, isHipChatUser } from '../inputs/hipchat-users.js';
import { parseYamlInput } from '../inputs/yaml-input.js';

/** GitHub login or commit email, lower-cased (GitHub and email ignore case) → HipChat email, @mention name or id. */
export type UserMap = ReadonlyMap<string, string>;

/** A GitHub login: letters, digits and hyphens, at most 39, or an app's `name[bot]`. */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\[bot\])?$/;

const EXAMPLE = `a YAML or JSON mapping of GitHub login or commit email to HipChat user, such as 'octocat: octo.cat@example.com' (quote an @mention name: 'mona: "@Mona"')`;

/**
 * Reads user_map. Every entry is checked, whether or not this run needs it, so that a mistake shows on the first
 * run rather than on the first failure.
 */
export function parseUserMap(text: string): UserMap {
  const document = parseYamlInput('user_map', text, EXAMPLE);
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new InputError(`Invalid user_map: expected ${EXAMPLE}.`);
  }
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(document)) {
    const who = key.trim();
    if (!LOGIN.test(who) && !isEmail(who)) {
      throw new InputError(
        `Invalid user_map key '${who}': expected a GitHub login such as octocat, or a commit email such as octo@example.com.`,
      );
    }
    const user = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (!isHipChatUser(user)) {
      throw new InputError(
        `Invalid user_map value for '${who}': ${JSON.stringify(value) ?? 'nothing'} is not a HipChat user; expected an email, an @mention name (quoted in YAML: "@Mona") or a numeric id.`,
      );
    }
    if (map.has(who.toLowerCase())) throw new InputError(`Invalid user_map: '${who}' is given twice (logins and emails ignore case).`);
    map.set(who.toLowerCase(), user);
  }
  return map;
}
