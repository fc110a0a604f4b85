// Which files of dist/ a module went into, told by a text only that module has: ncc emits each import() as a chunk,
// and the tests check that what only some runs need stays out of index.js.
import { readdir, readFile } from 'node:fs/promises';

const DIST = new URL('../../dist/', import.meta.url);

/** The JavaScript files of dist/ whose code holds `text`. */
export async function bundlesHolding(text: string): Promise<string[]> {
  const names = (await readdir(DIST)).filter((name) => name.endsWith('.js'));
  const holding = await Promise.all(names.map(async (name) => ((await readFile(new URL(name, DIST), 'utf8')).includes(text) ? name : '')));
  return holding.filter(Boolean);
}
