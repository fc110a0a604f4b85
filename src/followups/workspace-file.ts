import { glob, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { formatBytes } from '../files/bounded-read.js';
import { FILE_MAX_BYTES } from '../hipchat/endpoints/share-file.js';
import { InputError } from '../inputs/errors.js';
import { MissingWorkspaceFile, type RealPath, workspacePath } from '../inputs/workspace-path.js';
import type { FileSource } from './plan.js';

const GLOB = /[*?[\]{}]/;
/** How many matches to list when a glob matches more than one. */
const SHOWN_MATCHES = 5;

async function matches(pattern: string, workspace: string): Promise<string[]> {
  const found: string[] = [];
  for await (const match of glob(pattern, { cwd: workspace })) {
    found.push(match);
    if (found.length > SHOWN_MATCHES) break;
  }
  return found.sort();
}

/**
 * The one file the `file` input names in the workspace: a path, or a glob that matches one file. A path or a link
 * that leads outside the workspace is an input error, thrown before anything is sent; a file that is not there,
 * several matches or a file over the limit are reported after the message, which must go out all the same.
 */
export async function findWorkspaceFile(
  value: string,
  workspace: string,
  realPath: RealPath,
  message: (name: string) => string,
): Promise<FileSource> {
  let path = value;
  if (GLOB.test(value)) {
    if (isAbsolute(value) || value.split(/[\\/]/).includes('..')) {
      throw new InputError(`Invalid file '${value}': expected a path or a glob inside the workspace (${workspace}).`);
    }
    const found = await matches(value, workspace);
    if (found.length === 0) return { found: false, problem: 'missing', reason: `the glob '${value}' matches no file in the workspace` };
    if (found.length > 1) {
      const listed = found.slice(0, SHOWN_MATCHES).join(', ');
      return {
        found: false,
        problem: 'refused',
        reason: `the glob '${value}' matches several files (${listed}${found.length > SHOWN_MATCHES ? ', …' : ''}); give a path or a glob that matches one`,
      };
    }
    path = found[0] as string;
  }
  let real: string;
  try {
    real = await workspacePath('file', path, workspace, realPath);
  } catch (error) {
    if (error instanceof MissingWorkspaceFile) return { found: false, problem: 'missing', reason: `'${value}' is not in the workspace` };
    throw error;
  }
  const name = basename(path);
  const info = await stat(real);
  if (!info.isFile()) return { found: false, problem: 'refused', reason: `'${value}' is not a regular file` };
  if (info.size > FILE_MAX_BYTES) {
    return {
      found: false,
      problem: 'refused',
      reason: `${name} is ${formatBytes(info.size)}, over the ${formatBytes(FILE_MAX_BYTES)} the action shares`,
    };
  }
  return { found: true, path: real, name, size: info.size, message: message(name) };
}
