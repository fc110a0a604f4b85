// Keeps the page in step with the simulator: the history, then each request as it is answered, newest first; the
// private messages in a side panel, by person; the last set-up check's table above the room.
import { renderCheck, renderEntry, renderPerson, renderPrivateMessage } from './render.js';

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
const { policy, simulator, entries, privateMessages, check } = JSON.parse(document.getElementById('initial-state').textContent);
document.getElementById('rooms').textContent = `${simulator.rooms.map((room) => room.name).join(', ')} · ${simulator.url}`;

const topics = new Map();

/** The rooms' topics, in the header, as HipChat shows a room's topic above it. */
function showTopic(entry) {
  topics.set(entry.room, entry.body?.topic ?? '');
  document.getElementById('topics').replaceChildren(
    ...[...topics].map(([room, topic]) => {
      const line = document.createElement('span');
      line.className = 'room-topic';
      line.dataset.room = room;
      line.textContent = `${room}: ${topic}`;
      return line;
    }),
  );
}

function show(entry) {
  if (seen.has(entry.id)) return;
  seen.add(entry.id);
  const ok = entry.status === 204 || entry.status === 201;
  if (ok) delivered++;
  else rejected++;
  if (ok && entry.kind === 'topic') showTopic(entry);
  const rendered = renderEntry(entry, policy);
  // A reply goes under its parent, oldest first, as in HipChat's thread; one whose parent is not shown stands alone.
  const parent =
    ok && entry.kind === 'reply' ? list.querySelector(`article[data-message-id="${CSS.escape(entry.parentId ?? '')}"] .thread`) : null;
  if (parent) parent.append(rendered);
  else list.prepend(rendered);
  updateSummary();
}

const people = document.getElementById('private-messages');
const personLists = new Map();

/** A private message at the top of its person's list, the person's list at the top of the panel. */
function showPrivateMessage(entry) {
  if (seen.has(entry.id)) return;
  seen.add(entry.id);
  let list = personLists.get(entry.user.id);
  if (!list) {
    const person = renderPerson(entry.user);
    list = person.querySelector('ol');
    personLists.set(entry.user.id, list);
  }
  list.prepend(renderPrivateMessage(entry, policy));
  people.prepend(list.closest('section'));
  document.body.classList.add('has-private-messages');
}

const checkTable = document.getElementById('check-table');
let checkShown = 0;

/** The server sends the whole check as it grows, and a new check with a higher id: the newest replaces the table. */
function showCheck(latest) {
  if (!latest || latest.id <= checkShown) return;
  checkShown = latest.id;
  checkTable.replaceChildren(renderCheck(latest));
  document.body.classList.add('has-check');
}

for (const entry of entries) show(entry);
showCheck(check);
for (const entry of privateMessages) showPrivateMessage(entry);
updateSummary();

const lastSeen = Math.max(0, ...entries.map((entry) => entry.id), ...privateMessages.map((entry) => entry.id), check?.id ?? 0);
const events = new EventSource(`/events?after=${lastSeen}`);
events.addEventListener('open', () => setStatus('live', 'live'));
events.addEventListener('error', () => setStatus('offline', 'reconnecting…'));
events.addEventListener('notification', (event) => show(JSON.parse(event.data)));
events.addEventListener('private-message', (event) => showPrivateMessage(JSON.parse(event.data)));
events.addEventListener('check', (event) => showCheck(JSON.parse(event.data)));
