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

/** Calls per second and the share of them that failed, since the previous refresh. */
function callRates(pool, member, now) {
	const key = pool + '/' + member.id;
	const total = member.calls.succeeded + member.calls.failed + member.calls.notPermitted;
	const failed = member.calls.failed;
	const previous = previousCalls.get(key);
	previousCalls.set(key, { total, failed, at: now });
	if (!previous || now <= previous.at) return { perSecond: 0, errorRate: null };
	const calls = total - previous.total;
	return {
		perSecond: calls / ((now - previous.at) / 1000),
		errorRate: calls > 0 ? (failed - previous.failed) / calls : null
	};
}

/** Seconds until an instant the endpoint gave, or null; a far-future one means "until reset". */
function secondsUntil(text, now) {
	if (!text) return null;
	const at = Date.parse(text);
	if (Number.isNaN(at) || at > now + 1000 * 3600 * 24 * 365) return Infinity;
	return Math.max(0, Math.ceil((at - now) / 1000));
}

function countdown(member, now) {
	if (member.state === 'QUARANTINED') {
		const left = secondsUntil(member.quarantinedUntil, now);
		return left === Infinity || left === null ? 'until reset' : left + ' s left';
	}
	if (member.state === 'OPEN') {
		const left = secondsUntil(member.halfOpenAt, now);
		return left === null ? '' : 'probe in ' + left + ' s';
	}
	return '';
}

/** Builds a member's row once; refreshes only update its cells, so controls keep focus. */
/** The simulated account behind a member: its chat or embedding model's bean name. */
function modelBean(member) {
	return member.chatModel || member.embeddingModel;
}

function memberView(poolId, member, hasSessions) {
	const simulated = modelBean(member);
	const select = el('select', { 'data-fault-select': member.id, 'aria-label': 'Fault for ' + member.id },
		...faultKinds.map((kind) => el('option', { value: kind.id }, kind.label)));
	const view = {
		hasSessions,
		state: el('span', { class: 'state' }),
		countdown: el('div', { class: 'countdown' }),
		fault: el('div', { class: 'fault' }),
		active: el('td', { class: 'num' }),
		home: el('td', { class: 'num' }),
		rate: el('td', { class: 'num' }),
		calls: el('td', { class: 'num' }),
		cache: el('td', { class: 'num' }),
		budget: el('td', { class: 'num' }),
		failure: el('td', {})
	};
	view.row = el('tr', { 'data-member': member.id },
		el('td', {}, el('b', {}, member.id), ' ',
			member.role === 'failover-only' ? el('span', { class: 'tag' }, 'failover only') : null,
			el('div', { class: 'muted' }, [member.provider, modelBean(member) !== member.id ? modelBean(member) : null,
				member.model].filter(Boolean).join(' · '))),
		el('td', {}, view.state, view.countdown, view.fault),
		view.active, view.home, view.rate, view.calls, view.cache, view.budget, view.failure,
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
	const rates = callRates(poolId, member, now);
	view.state.className = 'state ' + member.state;
	view.state.dataset.state = member.state;
	view.state.textContent = member.state.replace('_', ' ');
	view.countdown.textContent = countdown(member, now);
	view.countdown.dataset.countdown = view.countdown.textContent;
	view.fault.textContent = fault ? 'fault: ' + fault : '';
	if (fault) view.fault.dataset.activeFault = fault;
	else delete view.fault.dataset.activeFault;
	// An embedding pool's calls have no session and no prompt cache.
	view.active.textContent = view.hasSessions ? member.activeSessions : '-';
	view.active.dataset.activeSessions = member.activeSessions;
	view.home.textContent = view.hasSessions ? member.homeSessions : '-';
	view.rate.textContent = rates.perSecond.toFixed(1)
		+ (rates.errorRate === null ? '' : ' · ' + Math.round(rates.errorRate * 100) + '% failed');
	view.calls.textContent = member.calls.succeeded + ' / ' + member.calls.failed + ' / ' + member.calls.notPermitted;
	if (view.hasSessions) showCacheHits(view.cache, member.tokens);
	else view.cache.textContent = '-';
	showBudget(view.budget, member.budget, member.inflight);
	view.failure.replaceChildren(member.lastFailure
		? el('div', { class: 'failure', title: member.lastFailure.message },
			member.lastFailure.kind + ' at ' + new Date(member.lastFailure.at).toLocaleTimeString())
		: el('span', { class: 'muted' }, '-'));
}

/** What is left of the member's account budget, and its calls in flight. */
function showBudget(target, budget, inflight) {
	const parts = [];
	if (budget.requestsLimit !== null) parts.push(budget.requestsRemaining + '/' + budget.requestsLimit + ' req');
	if (budget.tokensLimit !== null) parts.push(compact(budget.tokensRemaining) + '/' + compact(budget.tokensLimit) + ' tok');
	if (budget.heldFor !== null) parts.push('held');
	target.replaceChildren(parts.length ? parts.join(' · ') : el('span', { class: 'muted' }, '-'),
		el('div', { class: 'muted' }, inflight + ' in flight'));
	target.dataset.requestsRemaining = budget.requestsRemaining === null ? '' : budget.requestsRemaining;
	target.dataset.inflight = inflight;
	target.title = 'Rate budget of ' + budget.account + ' (' + budget.source + ', per ' + budget.window + ')';
}

function compact(count) {
	return count >= 10000 ? Math.round(count / 1000) + 'k' : String(count);
}

/** The share of prompt tokens the provider read from its cache, with the counts behind it. */
function showCacheHits(target, tokens) {
	const ratio = tokens.cacheHitRatio;
	target.textContent = ratio === null ? '-' : Math.round(ratio * 100) + '%';
	target.dataset.cacheHitRatio = ratio === null ? '' : ratio;
	target.title = tokens.cached + ' of ' + tokens.input + ' prompt tokens cached';
}

function poolView(pool) {
	const view = {
		health: el('span', { class: 'health' }), sessions: el('b', {}), switches: el('b', {}), cache: el('b', {}),
		members: new Map()
	};
	const body = el('tbody', {});
	for (const member of pool.members) {
		const row = memberView(pool.id, member, pool.type !== 'embedding');
		view.members.set(member.id, row);
		body.append(row.row);
	}
	// An embedding pool has no sessions, switches or prompt cache: its calls are placed afresh.
	const stats = pool.type === 'embedding'
		? [el('span', {}, 'dimensions ', el('b', {}, pool.dimensions)), el('span', {}, 'home: ', el('b', {}, pool.routing.home))]
		: [el('span', {}, 'sessions ', view.sessions), el('span', {}, 'switches ', view.switches),
			el('span', {}, 'cache hits ', view.cache), el('span', {}, 'home: ', el('b', {}, pool.routing.home)),
			el('span', {}, 'sticky: ', el('b', {}, pool.routing.stickyScope))];
	view.card = el('article', { class: 'pool', 'data-pool': pool.id, 'data-type': pool.type },
		el('div', { class: 'pool-head' },
			el('h3', {}, pool.id),
			el('span', { class: 'tag' }, pool.type),
			view.health,
			pool.primary ? el('span', { class: 'tag' }, 'primary') : null,
			el('div', { class: 'stats' }, ...stats)),
		el('table', {},
			el('thead', {}, el('tr', {},
				el('th', {}, 'Member'), el('th', {}, 'State'), el('th', { class: 'num' }, 'Active'),
				el('th', { class: 'num' }, 'Home'), el('th', { class: 'num' }, 'Calls/s · failed'),
				el('th', { class: 'num' }, 'OK / failed / refused'), el('th', { class: 'num' }, 'Cache hits'),
				el('th', { class: 'num' }, 'Budget'), el('th', {}, 'Last failure'), el('th', {}, 'Actions'))),
			body));
	return view;
}

function updatePool(view, pool, faults, health, now) {
	const status = health[pool.id] || 'UNKNOWN';
	view.health.className = 'health ' + status;
	view.health.dataset.health = status;
	view.health.textContent = status;
	view.sessions.textContent = pool.sessions;
	view.sessions.dataset.sessions = pool.sessions;
	view.switches.textContent = pool.switches;
	view.switches.dataset.switches = pool.switches;
	showCacheHits(view.cache, pool.tokens);
	for (const member of pool.members) {
		updateMember(view.members.get(member.id), pool.id, member, faults.get(modelBean(member)), now);
	}
}

const poolViews = new Map();

function renderPools(pools, faults, health, now) {
	const container = document.getElementById('pools');
	const shape = pools.map((pool) => pool.id + ':' + pool.members.map((member) => member.id).join(',')).join(';');
	if (container.dataset.shape !== shape) {
		poolViews.clear();
		pools.forEach((pool) => poolViews.set(pool.id, poolView(pool)));
		container.replaceChildren(...pools.map((pool) => poolViews.get(pool.id).card));
		container.dataset.shape = shape;
	}
	pools.forEach((pool) => updatePool(poolViews.get(pool.id), pool, faults, health, now));
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
		const [data, switches, faults, health] = await Promise.all([
			getJson(POOLS_URL), getJson('/demo/switches'), getJson('/demo/faults').catch(() => []),
			healthOf()]);
		render({ pools: data, switches, faults, health }, now);
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

/** Each pool's health from the modelPools contributor; health answers 503 when a pool is DOWN. */
async function healthOf() {
	const response = await fetch('/actuator/health', { headers: { Accept: 'application/json' } }).catch(() => null);
	const body = response ? await response.json().catch(() => ({})) : {};
	const pools = ((body.components || {}).modelPools || {}).details || {};
	return Object.fromEntries(Object.entries(pools).map(([id, pool]) => [id, pool.status]));
}

function render(state, now) {
	const activeFaults = new Map(state.faults.filter((f) => f.fault).map((f) => [f.member, f.fault]));
	renderPools(Object.values(state.pools.pools), activeFaults, state.health, now);
	document.getElementById('switch-log').replaceChildren(...switchRows(state.switches));
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
		// A broken stream continued by another member shows both: "gpt-a → claude".
		const members = [];
		source.addEventListener('chunk', (event) => {
			const data = JSON.parse(event.data);
			if (members[members.length - 1] !== data.member) members.push(data.member);
			member = members.join(' → ');
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

/** Embeds the text with the embedding pool and shows which member answered, or why none did. */
async function embed(text) {
	const result = document.getElementById('embedding');
	try {
		const response = await fetch('/embed', {
			method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text })
		});
		if (!response.ok) throw new Error(await errorMessage(response));
		const reply = await response.json();
		result.classList.remove('error');
		result.dataset.embeddingMember = reply.member;
		result.dataset.embeddedText = text;
		result.replaceChildren(el('span', { class: 'who', 'data-embedding-member': reply.member }, reply.member),
			reply.dimensions + ' dimensions from ' + reply.model
			+ (reply.attempts > 1 ? ' after ' + reply.attempts + ' tries' : '') + ': ['
			+ reply.preview.map((value) => value.toFixed(3)).join(', ') + ', …]');
	}
	catch (error) {
		result.classList.add('error');
		delete result.dataset.embeddingMember;
		result.dataset.embeddedText = text;
		result.replaceChildren('Failed: ' + error.message);
	}
	refresh();
}

document.getElementById('embed-form').addEventListener('submit', (event) => {
	event.preventDefault();
	embed(document.getElementById('embed-text').value);
});

document.getElementById('burst').addEventListener('click', async () => {
	const base = 'burst-' + Date.now().toString(36) + '-';
	for (let i = 1; i <= 12; i++) {
		await send(base + i, 'Hello from conversation ' + i, false);
	}
});

/** The state the server rendered into the page: the pools show at first paint, before any fetch. */
function renderInitialState() {
	const script = document.getElementById('initial-state');
	if (!script) return false;
	const state = JSON.parse(script.textContent);
	faultKinds = state.kinds;
	render(state, Date.now());
	return true;
}

if (renderInitialState()) refresh();
else loadFaultKinds().then(refresh);
setInterval(() => { if (Date.now() - lastRefresh >= 900) refresh(); }, 1000);
