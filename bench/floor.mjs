// The floor: a bare Node script that posts the action's request with the built-in fetch and nothing else loaded.
// It reads the request (URLs, headers, body) that the benchmark captured from the action, and posts to every URL at
// once, as the action does for several rooms.
import { readFileSync } from 'node:fs';

const { urls, headers, body } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const responses = await Promise.all(urls.map((url) => fetch(url, { method: 'POST', headers, body })));
for (const response of responses) {
  await response.arrayBuffer();
  if (!response.ok) {
    console.error(`${response.url} answered ${response.status}`);
    process.exitCode = 1;
  }
}
