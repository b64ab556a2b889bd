// Pools, scaling decisions and costs (issue 6): renders /api/v1/scaling into #scaling-panel and
// /api/v1/costs into #costs-panel. Server text only ever reaches the page as textContent.
(function () {
  'use strict';

  const EVERY_MS = 3000;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function table(headers, rows) {
    const t = el('table', null, 'compact');
    const head = el('tr');
    headers.forEach((h) => { const th = el('th', h); th.scope = 'col'; head.appendChild(th); });
    t.appendChild(el('thead')).appendChild(head);
    const body = t.appendChild(el('tbody'));
    rows.forEach((cells) => {
      const tr = body.appendChild(el('tr'));
      cells.forEach((c) => tr.appendChild(el('td', c)));
    });
    return t;
  }

  function money(v) {
    return typeof v === 'number' ? v.toFixed(v !== 0 && Math.abs(v) < 0.01 ? 6 : 2) : '–';
  }

  function time(iso) {
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleTimeString();
  }

  async function json(path) {
    const res = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(path + ' answered ' + res.status);
    return res.json();
  }

  function renderScaling(target, report) {
    const parts = [];
    const pools = report.pools || [];
    parts.push(pools.length === 0 ? el('p', 'No pools.', 'muted') : table(
      ['pool', 'state', 'strategy', 'instances', 'ready', 'busy', 'capacity'],
      pools.map((p) => [p.name, p.state, p.strategy, p.instances, p.ready, p.busy, p.capacity])));
    parts.push(el('h3', 'Recent scaling decisions'));
    const decisions = (report.recentDecisions || []).slice(0, 8);
    parts.push(decisions.length === 0 ? el('p', 'No scaling decision yet.', 'muted') : table(
      ['at', 'pool', 'from → to', 'applied', 'reason'],
      decisions.map((d) => [time(d.at), d.pool, d.from + ' → ' + d.to, d.applied ? 'yes' : 'held', d.reason])));
    target.replaceChildren(...parts);
  }

  function renderCosts(target, report) {
    const parts = [];
    const summary = el('dl', null, 'kv');
    [['total so far', money(report.total)], ['monthly projection', money(report.monthlyProjection)]].forEach(([k, v]) => {
      summary.appendChild(el('dt', k));
      summary.appendChild(el('dd', v));
    });
    parts.push(summary);
    const agents = report.agents || [];
    parts.push(table(['agent', 'instances', 'requests', 'cost', 'per request', 'efficiency', 'monthly'],
      agents.map((a) => [a.agent, a.instances, a.requests, money(a.total), money(a.costPerRequest),
        Math.round((a.efficiency || 0) * 100) + ' %', money(a.monthlyProjection)])));
    const recs = report.recommendations || [];
    if (recs.length) {
      const list = el('ul');
      recs.forEach((r) => list.appendChild(el('li', r.message || r.detail || r.kind)));
      parts.push(el('h3', 'Recommendations'), list);
    }
    target.replaceChildren(...parts);
  }

  async function refresh() {
    const scaling = document.getElementById('scaling-panel');
    const costs = document.getElementById('costs-panel');
    await Promise.all([
      scaling && json('api/v1/scaling').then((r) => renderScaling(scaling, r))
        .catch((e) => scaling.replaceChildren(el('p', 'Unavailable: ' + e.message, 'muted'))),
      costs && json('api/v1/costs').then((r) => renderCosts(costs, r))
        .catch((e) => costs.replaceChildren(el('p', 'Unavailable: ' + e.message, 'muted'))),
    ]);
  }

  refresh();
  setInterval(refresh, EVERY_MS);
})();
