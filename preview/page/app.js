// Keeps the page in step with the simulator: the history, then each request as it is answered, newest first.
import { renderEntry } from './render.js';

const list = document.getElementById('notifications');
const status = document.getElementById('status');
const summary = document.getElementById('summary');
const seen = new Set();
let delivered = 0;
let rejected = 0;

function setStatus(state, label) {
  status.dataset.state = state;
  status.textContent = label;
}

function updateSummary() {
  document.body.classList.toggle('has-entries', seen.size > 0);
  summary.textContent = seen.size === 0 ? '' : `${delivered} delivered, ${rejected} rejected · newest first`;
}

const [policy, simulator] = await Promise.all([
  fetch('/policy.json').then((response) => response.json()),
  fetch('/api/simulator').then((response) => response.json()),
]);
document.getElementById('rooms').textContent = `${simulator.rooms.map((room) => room.name).join(', ')} · ${simulator.url}`;
document.getElementById('send-hint').textContent =
  `node dist/cli/index.js --server-url ${simulator.url} --room '${simulator.rooms[0]?.name ?? 'Operations'}' --token TOKEN --format card`;

const events = new EventSource('/events');
events.addEventListener('open', () => setStatus('live', 'live'));
events.addEventListener('error', () => setStatus('offline', 'reconnecting…'));
events.addEventListener('notification', (event) => {
  const entry = JSON.parse(event.data);
  if (seen.has(entry.id)) return;
  seen.add(entry.id);
  if (entry.status === 204) delivered++;
  else rejected++;
  list.prepend(renderEntry(entry, policy));
  updateSummary();
});
