'use strict';

const POOLS_URL = '/actuator/modelpools';
const previousCalls = new Map();
let faultKinds = [];
let lastRefresh = 0;

function el(tag, attributes = {}, ...children) {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (name === 'class') node.className = value;
		else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
		else if (value !== null && value !== undefined) node.setAttribute(name, value);
	}
	for (const child of children) {
		if (child === null || child === undefined) continue;
		node.append(child instanceof Node ? child : document.createTextNode(String(child)));
	}
	return node;
}

async function getJson(url) {
	const response = await fetch(url, { headers: { Accept: 'application/json' } });
	if (!response.ok) throw new Error(url + ' answered ' + response.status);
	return response.json();
}

function callsPerSecond(pool, member, now) {
	const key = pool + '/' + member.id;
	const total = member.calls.succeeded + member.calls.failed + member.calls.notPermitted;
	const previous = previousCalls.get(key);
	previousCalls.set(key, { total, at: now });
	if (!previous || now <= previous.at) return 0;
	return (total - previous.total) / ((now - previous.at) / 1000);
}

/** Builds a member's row once; refreshes only update its cells, so controls keep focus. */
function memberView(poolId, member) {
	const simulated = member.chatModel;
	const select = el('select', { 'data-fault-select': member.id, 'aria-label': 'Fault for ' + member.id },
		...faultKinds.map((kind) => el('option', { value: kind.id }, kind.label)));
	const view = {
		state: el('span', { class: 'state' }),
		fault: el('div', { class: 'fault' }),
		active: el('td', { class: 'num' }),
		home: el('td', { class: 'num' }),
		rate: el('td', { class: 'num' }),
		calls: el('td', { class: 'num' }),
		failure: el('td', {})
	};
	view.row = el('tr', { 'data-member': member.id },
		el('td', {}, el('b', {}, member.id), ' ',
			member.role === 'failover-only' ? el('span', { class: 'tag' }, 'failover only') : null,
			el('div', { class: 'muted' }, [member.provider, member.chatModel !== member.id ? member.chatModel : null,
				member.model].filter(Boolean).join(' · '))),
		el('td', {}, view.state, view.fault),
		view.active, view.home, view.rate, view.calls, view.failure,
		el('td', {}, el('div', { class: 'actions' },
			select,
			el('button', { class: 'fault-button', 'data-inject': member.id,
				onclick: () => injectFault(simulated, select.value) }, 'inject'),
			el('button', { class: 'heal', 'data-heal': member.id, onclick: () => healFault(simulated) }, 'heal'),
			el('button', { 'data-isolate': member.id, onclick: () => memberAction(poolId, member.id, 'isolate') }, 'isolate'),
			el('button', { 'data-reset': member.id, onclick: () => memberAction(poolId, member.id, 'reset') }, 'reset')),
			el('div', { class: 'control-error', 'data-control-error': member.id, role: 'alert' })));
	return view;
}

function updateMember(view, poolId, member, fault, now) {
	const rate = callsPerSecond(poolId, member, now);
	view.state.className = 'state ' + member.state;
	view.state.dataset.state = member.state;
	view.state.textContent = member.state.replace('_', ' ');
	view.fault.textContent = fault ? 'fault: ' + fault : '';
	if (fault) view.fault.dataset.activeFault = fault;
	else delete view.fault.dataset.activeFault;
	view.active.textContent = member.activeSessions;
	view.active.dataset.activeSessions = member.activeSessions;
	view.home.textContent = member.homeSessions;
	view.rate.textContent = rate.toFixed(1);
	view.calls.textContent = member.calls.succeeded + ' / ' + member.calls.failed + ' / ' + member.calls.notPermitted;
	view.failure.replaceChildren(member.lastFailure
		? el('div', { class: 'failure', title: member.lastFailure.message },
			member.lastFailure.kind + ' at ' + new Date(member.lastFailure.at).toLocaleTimeString())
		: el('span', { class: 'muted' }, '-'));
}

function poolView(pool) {
	const view = {
		sessions: el('b', {}), switches: el('b', {}), members: new Map()
	};
	const body = el('tbody', {});
	for (const member of pool.members) {
		const row = memberView(pool.id, member);
		view.members.set(member.id, row);
		body.append(row.row);
	}
	view.card = el('article', { class: 'pool', 'data-pool': pool.id },
		el('div', { class: 'pool-head' },
			el('h3', {}, pool.id),
			pool.primary ? el('span', { class: 'tag' }, 'primary') : null,
			el('div', { class: 'stats' },
				el('span', {}, 'sessions ', view.sessions),
				el('span', {}, 'switches ', view.switches),
				el('span', {}, 'home: ', el('b', {}, pool.routing.home)),
				el('span', {}, 'sticky: ', el('b', {}, pool.routing.stickyScope)))),
		el('table', {},
			el('thead', {}, el('tr', {},
				el('th', {}, 'Member'), el('th', {}, 'State'), el('th', { class: 'num' }, 'Active'),
				el('th', { class: 'num' }, 'Home'), el('th', { class: 'num' }, 'Calls/s'),
				el('th', { class: 'num' }, 'OK / failed / refused'), el('th', {}, 'Last failure'), el('th', {}, 'Actions'))),
			body));
	return view;
}

function updatePool(view, pool, faults, now) {
	view.sessions.textContent = pool.sessions;
	view.sessions.dataset.sessions = pool.sessions;
	view.switches.textContent = pool.switches;
	view.switches.dataset.switches = pool.switches;
	for (const member of pool.members) {
		updateMember(view.members.get(member.id), pool.id, member, faults.get(member.chatModel), now);
	}
}

const poolViews = new Map();

function renderPools(pools, faults, now) {
	const container = document.getElementById('pools');
	const shape = pools.map((pool) => pool.id + ':' + pool.members.map((member) => member.id).join(',')).join(';');
	if (container.dataset.shape !== shape) {
		poolViews.clear();
		pools.forEach((pool) => poolViews.set(pool.id, poolView(pool)));
		container.replaceChildren(...pools.map((pool) => poolViews.get(pool.id).card));
		container.dataset.shape = shape;
	}
	pools.forEach((pool) => updatePool(poolViews.get(pool.id), pool, faults, now));
}

function switchRows(switches) {
	if (switches.length === 0) {
		return [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No switches yet.'))];
	}
	return switches.map((entry) => el('tr', { 'data-switch': entry.reason },
		el('td', {}, new Date(entry.at).toLocaleTimeString()), el('td', {}, entry.pool),
		el('td', {}, entry.from), el('td', {}, entry.to), el('td', {}, entry.reason.replace('_', ' '))));
}

async function refresh() {
	const now = Date.now();
	try {
		const [data, switches, faults] = await Promise.all([
			getJson(POOLS_URL), getJson('/demo/switches'), getJson('/demo/faults').catch(() => [])]);
		const activeFaults = new Map(faults.filter((f) => f.fault).map((f) => [f.member, f.fault]));
		renderPools(Object.values(data.pools), activeFaults, now);
		document.getElementById('switch-log').replaceChildren(...switchRows(switches));
		document.getElementById('updated').textContent = 'Updated ' + new Date(now).toLocaleTimeString();
		lastRefresh = now;
	}
	catch (error) {
		document.getElementById('updated').textContent = 'Update failed: ' + error.message;
	}
}

/** What an error answer says: a problem detail's detail, an endpoint's error, else the status. */
async function errorMessage(response) {
	const body = await response.json().catch(() => ({}));
	return body.detail || body.error || body.message || ('HTTP ' + response.status);
}

/** Runs a control's request; a failure is shown next to the control until the next success. */
async function control(member, request) {
	const status = document.querySelector('[data-control-error="' + CSS.escape(member) + '"]');
	try {
		const response = await request();
		if (!response.ok) throw new Error(await errorMessage(response));
		if (status) status.textContent = '';
	}
	catch (error) {
		if (status) status.textContent = error.message;
	}
	refresh();
}

function injectFault(simulatedMember, kind) {
	return control(simulatedMember, () =>
		fetch('/demo/faults/' + encodeURIComponent(simulatedMember) + '/' + encodeURIComponent(kind), { method: 'PUT' }));
}

function healFault(simulatedMember) {
	return control(simulatedMember, () =>
		fetch('/demo/faults/' + encodeURIComponent(simulatedMember), { method: 'DELETE' }));
}

function memberAction(pool, member, action) {
	return control(member, () => fetch(POOLS_URL + '/' + encodeURIComponent(pool) + '/' + encodeURIComponent(member), {
		method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action })
	}));
}

function showReply(member, text, error) {
	const reply = document.getElementById('reply');
	reply.classList.toggle('error', Boolean(error));
	delete reply.dataset.failed;
	reply.replaceChildren(member ? el('span', { class: 'who', 'data-reply-member': member }, member) : '', text);
}

function remember(conversation, member, text) {
	const history = document.getElementById('history');
	history.prepend(el('li', {}, conversation + ' → ' + (member || 'error') + ': ' + text.slice(0, 90)));
	while (history.children.length > 30) history.lastChild.remove();
}

async function sendBlocking(conversation, message) {
	const response = await fetch('/chat', {
		method: 'POST', headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ conversationId: conversation, message })
	});
	if (!response.ok) {
		throw new Error(await errorMessage(response));
	}
	return response.json();
}

function sendStreaming(conversation, message) {
	return new Promise((resolve, reject) => {
		const url = '/chat/stream?conversationId=' + encodeURIComponent(conversation) + '&message=' + encodeURIComponent(message);
		const source = new EventSource(url);
		let text = '';
		let member = '';
		source.addEventListener('chunk', (event) => {
			const data = JSON.parse(event.data);
			member = data.member;
			text += data.text;
			showReply(member, text, false);
		});
		source.addEventListener('done', () => { source.close(); resolve({ member, text }); });
		// The server's own "error" event carries data; a dropped connection does not.
		source.addEventListener('error', (event) => {
			source.close();
			const failure = event.data ? JSON.parse(event.data) : { message: 'The stream broke off.' };
			const error = new Error(failure.message);
			error.member = failure.member || member;
			error.partialText = text;
			reject(error);
		});
	});
}

async function send(conversation, message, streaming) {
	try {
		const reply = streaming ? await sendStreaming(conversation, message) : await sendBlocking(conversation, message);
		showReply(reply.member, reply.text, false);
		remember(conversation, reply.member, reply.text);
	}
	catch (error) {
		const partial = error.partialText ? error.partialText + '\n' : '';
		showReply(error.member || null, partial + 'Failed: ' + error.message, true);
		document.getElementById('reply').dataset.failed = 'true';
		remember(conversation, null, error.message);
	}
	refresh();
}

async function loadFaultKinds() {
	faultKinds = await getJson('/demo/faults/kinds').catch(() => []);
}

document.getElementById('chat-form').addEventListener('submit', (event) => {
	event.preventDefault();
	send(document.getElementById('conversation').value, document.getElementById('message').value,
		document.getElementById('stream').checked);
});

document.getElementById('burst').addEventListener('click', async () => {
	const base = 'burst-' + Date.now().toString(36) + '-';
	for (let i = 1; i <= 12; i++) {
		await send(base + i, 'Hello from conversation ' + i, false);
	}
});

loadFaultKinds().then(refresh);
setInterval(() => { if (Date.now() - lastRefresh >= 900) refresh(); }, 1000);
