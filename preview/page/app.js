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

// The server put the room as it was into the page: draw it now, before the page has loaded, then follow the stream.
const { policy, simulator, entries } = JSON.parse(document.getElementById('initial-state').textContent);
document.getElementById('rooms').textContent = `${simulator.rooms.map((room) => room.name).join(', ')} · ${simulator.url}`;

function show(entry) {
  if (seen.has(entry.id)) return;
  seen.add(entry.id);
  if (entry.status === 204) delivered++;
  else rejected++;
  list.prepend(renderEntry(entry, policy));
  updateSummary();
}

for (const entry of entries) show(entry);
updateSummary();

const events = new EventSource(`/events?after=${entries.at(-1)?.id ?? 0}`);
events.addEventListener('open', () => setStatus('live', 'live'));
events.addEventListener('error', () => setStatus('offline', 'reconnecting…'));
events.addEventListener('notification', (event) => show(JSON.parse(event.data)));
