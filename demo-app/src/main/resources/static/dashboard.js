// The demo's dashboard: plain JavaScript over the node's REST API. Peer ids, addresses, topics
// and messages come from the network, so they are only ever set as text, never as HTML.
'use strict';

const api = 'libp2p';

async function call(method, path, body, contentType) {
  const options = { method, headers: { Accept: 'application/json, */*;q=0.5' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = contentType || 'application/json';
    options.body = contentType ? body : JSON.stringify(body);
  }
  const response = await fetch(`${api}/${path}`, options);
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(`${method} /${api}/${path}: ${response.status} ${problem.detail || problem.title || ''}`);
  }
  const type = response.headers.get('Content-Type') || '';
  if (response.status === 204) {
    return null;
  }
  return type.includes('json') ? response.json() : response.text();
}

function showError(error) {
  document.getElementById('error').textContent = error ? error.message : '';
}

function element(tag, text, className) {
  const created = document.createElement(tag);
  if (text !== undefined) {
    created.textContent = text;
  }
  if (className) {
    created.className = className;
  }
  return created;
}

function row(cells) {
  const tr = element('tr');
  for (const cell of cells) {
    const td = element('td');
    td.append(cell instanceof Node ? cell : document.createTextNode(cell));
    tr.append(td);
  }
  return tr;
}

function button(label, action) {
  const created = element('button', label);
  created.addEventListener('click', () => action().then(refresh).catch(showError));
  return created;
}

// Topics and record keys go into paths as they are: slashes stay slashes (servlet containers
// refuse %2F), everything else is percent-encoded.
function pathOf(text) {
  return text.split('/').map(encodeURIComponent).join('/');
}

async function refreshNode() {
  const node = await call('GET', 'node');
  document.getElementById('peer-id').textContent = node.peerId;
  document.getElementById('agent').textContent = node.agentVersion;
  document.getElementById('protocols').textContent = node.protocols.join('  ');
  document.getElementById('listen-addresses').replaceChildren(
    // listen addresses come with /p2p/ already
    ...node.listenAddresses.map((address) => element('li', address)));
}

async function refreshPeers() {
  const peers = await call('GET', 'peers');
  document.getElementById('peer-count').textContent = `(${peers.length})`;
  document.getElementById('peer-rows').replaceChildren(...peers.map((peer) => row([
    element('span', peer.peerId, 'mono'),
    peer.connections.map((c) => `${c.direction} ${c.remoteAddress} ${c.muxer}`).join('\n'),
    `${peer.protocols.length} protocols`,
    peer.latencyMs == null ? '' : `${peer.latencyMs.toFixed(1)} ms`,
    actions(
      button('ping', () => call('POST', `peers/${encodeURIComponent(peer.peerId)}/ping`)),
      button('disconnect', () => call('DELETE', `peers/${encodeURIComponent(peer.peerId)}`)),
      button('block', () => call('PUT', `gater/blocked-peers/${encodeURIComponent(peer.peerId)}`))),
  ])));
}

function actions(...buttons) {
  const span = element('span');
  span.append(...buttons);
  return span;
}

let streamedTopic = null;
let stream = null;

async function refreshTopics() {
  const topics = await call('GET', 'pubsub/topics');
  document.getElementById('topic-rows').replaceChildren(...topics.map((t) => row([
    element('span', t.topic, 'mono'),
    t.subscribed ? 'yes' : 'no',
    String(t.peers.length),
    String((t.mesh || []).length),
    t.subscribed
      ? button('unsubscribe', () => call('DELETE', `pubsub/topics/${pathOf(t.topic)}/subscription`))
      : button('subscribe', () => call('POST', `pubsub/topics/${pathOf(t.topic)}/subscription`)),
  ])));
  const subscribed = topics.filter((t) => t.subscribed).map((t) => t.topic);
  const select = document.getElementById('publish-topic');
  const chosen = select.value;
  select.replaceChildren(...subscribed.map((topic) => element('option', topic)));
  if (subscribed.includes(chosen)) {
    select.value = chosen;
  }
  follow(select.value || null);
}

// Follows the live messages of the topic chosen for publishing, over server-sent events.
function follow(topic) {
  if (topic === streamedTopic) {
    return;
  }
  if (stream) {
    stream.close();
  }
  streamedTopic = topic;
  stream = null;
  if (topic) {
    stream = new EventSource(`${api}/pubsub/topics/${pathOf(topic)}/messages`);
    stream.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      const list = document.getElementById('messages');
      list.prepend(element('li', `${message.receivedAt}  ${message.from}: ${message.data ?? message.dataBase64}`));
      while (list.children.length > 100) {
        list.lastChild.remove();
      }
    });
  }
}

async function refreshDht() {
  const table = await call('GET', 'dht/routing-table').catch(() => null);
  document.getElementById('table-size').textContent = table ? `(${table.size} peers in the routing table)` : '(off)';
}

// The connection gater: peers blocked at run time (their connections closed at once), with an
// unblock button each, and how many connections the gater refused.
async function refreshGater() {
  const gater = await call('GET', 'gater');
  document.getElementById('blocked-rows').replaceChildren(...gater.blockedPeers.map((peerId) => row([
    element('span', peerId, 'mono'),
    button('unblock', () => call('DELETE', `gater/blocked-peers/${encodeURIComponent(peerId)}`)),
  ])));
  document.getElementById('refused').textContent = Object.entries(gater.refused)
    .map(([checkpoint, count]) => `${checkpoint} ${count}`).join(', ');
}

async function refresh() {
  showError(null);
  await Promise.all([refreshNode(), refreshPeers(), refreshGater(), refreshTopics(), refreshDht()]);
}

function onSubmit(id, action) {
  document.getElementById(id).addEventListener('submit', (event) => {
    event.preventDefault();
    action().then(refresh).catch(showError);
  });
}

onSubmit('dial-form', () => call('POST', 'dial', { address: document.getElementById('dial-address').value.trim() }));
onSubmit('block-form', () => call('PUT',
  `gater/blocked-peers/${encodeURIComponent(document.getElementById('block-peer').value.trim())}`));
onSubmit('subscribe-form', () => call('POST',
  `pubsub/topics/${pathOf(document.getElementById('subscribe-topic').value)}/subscription`));
onSubmit('publish-form', () => call('POST',
  `pubsub/topics/${pathOf(document.getElementById('publish-topic').value)}/messages`,
  { data: document.getElementById('publish-text').value }));
onSubmit('record-form', async () => {
  const key = pathOf(document.getElementById('record-key').value);
  const value = document.getElementById('record-value').value;
  const result = document.getElementById('record-result');
  if (value) {
    const stored = await call('PUT', `dht/records/${key}`, value, 'text/plain');
    result.textContent = `stored at ${stored.peers} peers`;
  }
  else {
    result.textContent = await call('GET', `dht/records/${key}`);
  }
});

refresh().catch(showError);
setInterval(() => refresh().catch(showError), 3000);
