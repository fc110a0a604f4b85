// Fails when dist/ does not match what src/ builds to: the runner executes dist/, so a stale bundle ships old code.
// It builds into a temporary folder and compares, leaving the committed dist/ untouched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fresh = mkdtempSync(join(tmpdir(), 'hipchat-notify-dist-'));
try {
  const build = JSON.parse(readFileSync('package.json', 'utf8')).scripts.build;
  // Every word 'dist' in the build script names the output folder (or starts a path inside it, as dist/cli does);
  // point them all at the fresh one.
  const command = build.replace(/(?<=\s)dist(?=[\s/]|$)/g, fresh);
  if (command === build) throw new Error("The build script must name its output folder 'dist' so check-dist can redirect it.");
  execFileSync('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });

  const files = (dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
      .sort();
  const expected = files(fresh);
  const actual = files('dist');
  const stale = [...new Set([...expected, ...actual])].filter((file) => {
    try {
      return !readFileSync(join(fresh, file)).equals(readFileSync(join('dist', file)));
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(`dist/ is stale: ${stale.join(', ')} differ from a fresh build of src/. Run 'npm run build' and commit dist/.`);
    process.exit(1);
  }
  console.log(`dist/ matches src/ (${expected.length} files).`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
