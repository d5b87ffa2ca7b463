// The notes page: the JSON API for notes, Server-Sent Events for changes, a WebSocket for the chat.
const $ = (id) => document.getElementById(id);
const status = (text, state = 'ok') => { $('status').textContent = text; $('status').dataset.state = state; };

const session = await (await fetch('/api/session')).json();
$('user').textContent = session.user;

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? { 'X-CSRF-Token': session.csrfToken }
      : { 'X-CSRF-Token': session.csrfToken, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(response.status + ' ' + await response.text());
  }
  return response.status === 204 ? null : response.json();
}

function show(note) {
  if (document.querySelector(`#notes li[data-id="${note.id}"]`)) {
    return;
  }
  const item = document.createElement('li');
  item.dataset.id = note.id;
  const title = document.createElement('h3');
  title.textContent = note.title;
  const body = document.createElement('p');
  body.textContent = note.body;
  const meta = document.createElement('small');
  meta.textContent = note.author + ', ' + new Date(note.created).toLocaleString();
  const remove = document.createElement('button');
  remove.textContent = 'Delete';
  remove.addEventListener('click', () => api('DELETE', '/api/notes/' + note.id).catch((e) => status(e.message, 'error')));
  item.append(title, body, meta, remove);
  const after = [...$('notes').children].find((li) => Number(li.dataset.id) < note.id);
  $('notes').insertBefore(item, after ?? null);
}

async function load() {
  const q = $('search').value;
  const notes = await api('GET', '/api/notes?limit=100' + (q ? '&q=' + encodeURIComponent(q) : ''));
  $('notes').replaceChildren();
  notes.forEach(show);
}

$('new-note').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await api('POST', '/api/notes', { title: $('title').value, body: $('body').value });
    $('new-note').reset();
    status('saved');
  } catch (e) {
    status(e.message, 'error');
  }
});
$('search').addEventListener('input', () => load().catch((e) => status(e.message, 'error')));

// Live updates: the browser reconnects by itself and sends Last-Event-ID, so no change is missed.
const events = new EventSource('/api/events');
events.addEventListener('created', (event) => {
  if (!$('search').value) {
    show(JSON.parse(event.data));
  }
});
events.addEventListener('deleted', (event) => {
  document.querySelector(`#notes li[data-id="${JSON.parse(event.data).id}"]`)?.remove();
});
events.addEventListener('open', () => document.body.dataset.events = 'open');

const chat = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/chat');
chat.addEventListener('open', () => document.body.dataset.chat = 'open');
chat.addEventListener('message', (event) => {
  const message = JSON.parse(event.data);
  const item = document.createElement('li');
  const user = document.createElement('b');
  user.textContent = message.user;
  item.append(user, message.text);
  $('chat').append(item);
});
$('chat-form').addEventListener('submit', (event) => {
  event.preventDefault();
  chat.send($('chat-text').value);
  $('chat-text').value = '';
});

await load();
document.body.dataset.ready = 'true';
