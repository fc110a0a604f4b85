import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';

/** The path names no file (yet): for a file the step shares, that is a warning rather than an input error. */
export class MissingWorkspaceFile extends InputError {
  override name = 'MissingWorkspaceFile';
}

/** Resolves symbolic links, as fs.promises.realpath; injected so that tests need no files. */
export type RealPath = (path: string) => Promise<string>;

function isInside(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return !isAbsolute(inside) && inside.split(sep)[0] !== '..';
}

/**
 * The real path of a file an input names inside the workspace. Checking the path as written is not enough: a
 * symbolic link committed to the repository (say, to /proc/self/environ) would make the action read, and post, a
 * file outside it. So the link is followed first and where it ends must be inside the real workspace too.
 */
export async function workspacePath(input: string, value: string, workspace: string, realPath: RealPath): Promise<string> {
  const outside = new InputError(`Invalid ${input} '${value}': expected a path inside the workspace (${workspace}).`);
  const path = resolve(workspace, value);
  if (!isInside(resolve(workspace), path)) throw outside;
  let real: string;
  try {
    real = await realPath(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = missing ? 'no such file' : (error as Error).message;
    throw new (missing ? MissingWorkspaceFile : InputError)(`Invalid ${input} '${value}': cannot read ${path} (${reason}).`);
  }
  const realWorkspace = await realPath(workspace).catch(() => resolve(workspace));
  if (!isInside(realWorkspace, real)) {
    throw new InputError(
      `Invalid ${input} '${value}': it leads through a symbolic link to a file outside the workspace (${workspace}), which the action does not read. Point ${input} at a file inside the workspace.`,
    );
  }
  return real;
}
