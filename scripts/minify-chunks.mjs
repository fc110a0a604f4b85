// Minifies the chunks that ncc splits off for import(): its --minify option minifies the entry, index.js, alone.
// The options are ncc's own, so chunks and entry read alike: names mangled, class and function names kept (error
// names and stack traces stay readable), no other rewriting.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/minify-chunks.mjs <output folder>');

for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/^\d+\.index\.js$/.test(entry.name)) continue;
  const path = join(entry.parentPath, entry.name);
  const { code } = await minify(readFileSync(path, 'utf8'), {
    module: true,
    compress: false,
    mangle: { keep_classnames: true, keep_fnames: true },
  });
  writeFileSync(path, code);
}
