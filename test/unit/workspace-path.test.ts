import { describe, expect, it } from 'vitest';
import { workspacePath } from '../../src/inputs/workspace-path.js';

/** A file system of symbolic links: each key resolves to its value; anything else is itself. */
const links = (map: Record<string, string>) => async (path: string) => {
  if (path.includes('missing')) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return Object.entries(map).reduce(
    (resolved, [from, to]) => (resolved.startsWith(from) ? to + resolved.slice(from.length) : resolved),
    path,
  );
};

describe('workspacePath', () => {
  it('gives the real path of a file inside the workspace, relative or absolute', async () => {
    expect(await workspacePath('file', 'a/b.txt', '/ws', links({}))).toBe('/ws/a/b.txt');
    expect(await workspacePath('file', '/ws/a/../b.txt', '/ws', links({}))).toBe('/ws/b.txt');
    expect(await workspacePath('file', 'x', '/ws', links({ '/ws/x': '/ws/y' }))).toBe('/ws/y');
  });

  it('keeps a file whose name starts with two dots', async () => {
    expect(await workspacePath('file', '..hidden', '/ws', links({}))).toBe('/ws/..hidden');
  });

  it('follows a workspace that is itself a link', async () => {
    expect(await workspacePath('file', 'x', '/ws', links({ '/ws': '/real/ws' }))).toBe('/real/ws/x');
  });

  it('refuses a path that leaves the workspace as written', async () => {
    await expect(workspacePath('template_file', '../x', '/ws', links({}))).rejects.toThrow(
      "Invalid template_file '../x': expected a path inside the workspace (/ws).",
    );
    await expect(workspacePath('template_file', '/etc/passwd', '/ws', links({}))).rejects.toThrow(/expected a path inside the workspace/);
  });

  it('refuses a link that ends outside the workspace', async () => {
    await expect(workspacePath('file', 'env', '/ws', links({ '/ws/env': '/proc/self/environ' }))).rejects.toThrow(
      "Invalid file 'env': it leads through a symbolic link to a file outside the workspace (/ws), which the action does not read.",
    );
  });

  it('says when the file does not exist', async () => {
    await expect(workspacePath('file', 'missing.txt', '/ws', links({}))).rejects.toThrow(
      "Invalid file 'missing.txt': cannot read /ws/missing.txt (no such file).",
    );
  });
});
