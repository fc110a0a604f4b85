import type { GithubContext } from '../context/github.js';
import type { GithubClient, OpenGithub, Permission } from '../github/types.js';
import { TRANSITION_RULES } from '../inputs/conditions.js';
import type { ActionInputs } from '../inputs/read.js';
import { RUN_FACT_VARIABLES, usesVariables } from '../lookups/plan.js';
import type { CheckLine } from './result.js';

/** The GitHub permissions the inputs would have a run read with, so that the check asks only for those. */
export function neededPermissions(inputs: ActionInputs, template: string | undefined): Permission[] {
  const history = inputs.sendWhen.some((rule) => (TRANSITION_RULES as readonly string[]).includes(rule));
  const runFacts = usesVariables(`${template ?? ''}\n${inputs.card}`, RUN_FACT_VARIABLES) || inputs.matrix !== undefined;
  return history || runFacts ? ['actions'] : [];
}

/** One read that only this permission allows, on what the run is about. */
function probePath(permission: Permission, github: GithubContext): string {
  const repository = `/repos/${github.repository}`;
  if (permission === 'checks') return `${repository}/commits/${github.sha}/check-runs`;
  return github.run_id ? `${repository}/actions/runs/${github.run_id}` : `${repository}/actions/runs`;
}

const SCOPES: Readonly<Record<Permission, string>> = { actions: 'actions: read', checks: 'checks: read' };

/**
 * One read per permission the inputs need. A refusal only costs a run its lookups (it warns and sends anyway), so it is
 * a warning here too, naming the permission to add to the workflow.
 */
export async function probeGithub(
  permissions: readonly Permission[],
  github: GithubContext,
  token: string,
  openGithub: OpenGithub,
  timeoutMs: number,
): Promise<CheckLine[]> {
  if (permissions.length === 0) return [];
  const lines = (detail: string, outcome: CheckLine['outcome']) =>
    permissions.map((permission) => ({ check: `GitHub token: ${SCOPES[permission]}`, outcome, detail }));
  if (!token) return lines('github_token is empty: leave it at its default, ${{ github.token }}.', 'warn');
  if (!github.repository.includes('/')) return lines('Not checked: GITHUB_REPOSITORY is not set.', 'skip');
  let client: GithubClient | undefined;
  try {
    client = await openGithub({ apiUrl: github.api_url, token, timeoutMs });
    const opened = client;
    return await Promise.all(
      permissions.map(async (permission): Promise<CheckLine> => {
        const check = `GitHub token: ${SCOPES[permission]}`;
        const path = probePath(permission, github);
        try {
          await opened.getJson(path, { permission, query: { per_page: 1 } });
          return { check, outcome: 'pass', detail: `GET ${path} answered.` };
        } catch (error) {
          return { check, outcome: 'warn', detail: `${(error as Error).message}.` };
        }
      }),
    );
  } finally {
    await client?.close();
  }
}
