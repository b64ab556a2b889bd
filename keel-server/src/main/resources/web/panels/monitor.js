// Keel dashboard: the monitor's panels. Renders the alert list with states into #alerts-panel, and adds a
// "System history" section with CPU and memory over the monitor's history window (uPlot) plus the capacity
// forecasts and suggestions. Every server string goes in through textContent, never as HTML.
(function () {
  'use strict';

  const ALERTS_EVERY_MS = 2000;
  const HISTORY_EVERY_MS = 10000;
  const CAPACITY_EVERY_MS = 15000;
  const HISTORY_MINUTES = 15;
  const CPU = 'keel.system.cpu.usage';
  const PROCESS_CPU = 'keel.system.process.cpu.usage';
  const MEMORY = 'keel.system.memory.usage';
  const HEAP = 'keel.system.jvm.heap.usage';
  const THROUGHPUT = 'keel.requests.throughput';
  const LATENCY_P95 = 'keel.requests.latency.p95';
  // How each chart turns a stored value (ratios 0..1, seconds) into what its axis shows.
  const PERCENT = { label: '%', factor: 100, range: [0, 100] };
  const PER_SECOND = { label: 'ops/s', factor: 1, range: null };
  const MILLIS = { label: 'ms', factor: 1000, range: null };

  const alertsTarget = document.getElementById('alerts-panel');
  if (!alertsTarget) return;
  const alertsSection = alertsTarget.closest('section.extra');
  // app.js's generic renderer leaves panels marked so alone.
  if (alertsSection) alertsSection.dataset.ownRenderer = 'true';

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null) return;
      if (k === 'text') node.textContent = v;
      else if (k === 'className') node.className = v;
      else node.setAttribute(k, String(v));
    });
    (children || []).forEach((c) => node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
    return node;
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      const error = new Error('HTTP ' + response.status);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function every(ms, task) {
    async function tick() {
      if (!document.hidden) {
        try { await task(); } catch (e) { /* each task shows its own failure */ }
      }
      setTimeout(tick, ms);
    }
    tick();
  }

  const isNum = (v) => typeof v === 'number' && isFinite(v);
  const fmt = (v, d) => (isNum(v) ? v.toLocaleString(undefined, { maximumFractionDigits: d }) : '–');
  const fmtTime = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '–');

  // ---- alerts -----------------------------------------------------------------------------

  function renderAlerts(items) {
    if (!items.length) {
      return el('p', { className: 'muted', text: 'No alerts: every rule is quiet.' });
    }
    const head = ['State', 'Rule', 'Severity', 'Value', 'Threshold', 'Since', 'Series'];
    return el('table', { className: 'compact', 'data-testid': 'alerts-table' }, [
      el('thead', null, [el('tr', null, head.map((h) => el('th', { scope: 'col', text: h })))]),
      el('tbody', null, items.map((a) => el('tr', { 'data-state': String(a.state) }, [
        el('td', null, [el('span', { className: 'badge state-' + String(a.state).toLowerCase(), text: String(a.state) })]),
        el('td', { text: String(a.rule), title: a.description || '' }),
        el('td', { text: String(a.severity) }),
        el('td', { text: fmt(a.value, 3) }),
        el('td', { text: fmt(a.threshold, 3) }),
        el('td', { text: fmtTime(a.since) }),
        el('td', { text: String(a.series) + (a.tags && Object.keys(a.tags).length ? ' ' + JSON.stringify(a.tags) : '') }),
      ]))),
    ]);
  }

  async function refreshAlerts() {
    try {
      const body = await getJson('api/v1/alerts');
      if (alertsSection) alertsSection.dataset.available = 'true';
      alertsTarget.replaceChildren(renderAlerts(body.items || []));
    } catch (e) {
      alertsTarget.replaceChildren(el('p', { className: 'muted', text: 'Unavailable: ' + e.message }));
    }
  }

  // ---- system history ---------------------------------------------------------------------

  const section = el('section', { className: 'panel', id: 'monitor-panel', 'aria-labelledby': 'monitor-title' }, [
    el('h2', { id: 'monitor-title', text: 'System history (last ' + HISTORY_MINUTES + ' min)' }),
    el('h3', { text: 'CPU' }), el('div', { id: 'monitor-cpu-chart', className: 'chart' }),
    el('h3', { text: 'Memory' }), el('div', { id: 'monitor-memory-chart', className: 'chart' }),
    el('h3', { text: 'Throughput' }), el('div', { id: 'monitor-throughput-chart', className: 'chart' }),
    el('h3', { text: 'Latency p95' }), el('div', { id: 'monitor-latency-chart', className: 'chart' }),
    el('h3', { text: 'Forecasts' }), el('ul', { id: 'monitor-forecasts' }),
    el('h3', { text: 'Suggestions' }), el('ul', { id: 'monitor-suggestions' }),
  ]);
  const extras = alertsSection ? alertsSection.parentElement : null;
  (extras || document.querySelector('main') || document.body).appendChild(section);

  function chart(containerId, specs, axis) {
    const container = document.getElementById(containerId);
    if (typeof window.uPlot !== 'function') {
      container.textContent = 'Charts unavailable: uPlot did not load.';
      return null;
    }
    const empty = [[]].concat(specs.map(() => []));
    const plot = new window.uPlot({
      width: Math.max(container.clientWidth, 280),
      height: 180,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: axis.range ? { range: axis.range } : { auto: true } },
      axes: [
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
        { stroke: 'currentColor', label: axis.label, size: 48, grid: { stroke: 'rgba(128,128,128,0.2)' } },
      ],
      series: [{}].concat(specs.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: false } }))),
    }, empty, container);
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        const w = Math.max(container.clientWidth, 280);
        if (Math.abs(w - plot.width) > 2) plot.setSize({ width: w, height: 180 });
      }).observe(container);
    }
    return { specs: specs, axis: axis, plot: plot };
  }

  const charts = [
    chart('monitor-cpu-chart', [
      { series: CPU, label: 'system CPU', color: '#2563eb' },
      { series: PROCESS_CPU, label: 'Keel CPU', color: '#16a34a' },
    ], PERCENT),
    chart('monitor-memory-chart', [
      { series: MEMORY, label: 'system memory', color: '#d97706' },
      { series: HEAP, label: 'JVM heap', color: '#dc2626' },
    ], PERCENT),
    chart('monitor-throughput-chart', [{ series: THROUGHPUT, label: 'operations/s', color: '#2563eb' }], PER_SECOND),
    chart('monitor-latency-chart', [{ series: LATENCY_P95, label: 'p95', color: '#dc2626' }], MILLIS),
  ].filter(Boolean);

  // Aligns each series' avg column onto the union of timestamps (uPlot wants one x column).
  function columns(windows, specs, factor) {
    const bySeries = {};
    windows.forEach((w) => { if (!w.tags || Object.keys(w.tags).length === 0) bySeries[w.series] = w; });
    const xs = new Set();
    specs.forEach((s) => (bySeries[s.series] ? bySeries[s.series].epochMillis : []).forEach((t) => xs.add(t)));
    const x = Array.from(xs).sort((a, b) => a - b);
    const cols = [x.map((t) => t / 1000)];
    specs.forEach((s) => {
      const w = bySeries[s.series];
      const at = {};
      if (w) w.epochMillis.forEach((t, i) => { at[t] = w.avg[i]; });
      cols.push(x.map((t) => (isNum(at[t]) ? at[t] * factor : null)));
    });
    return cols;
  }

  async function refreshHistory() {
    const series = [CPU, PROCESS_CPU, MEMORY, HEAP, THROUGHPUT, LATENCY_P95].join(',');
    const report = await getJson('api/v1/performance/export?minutes=' + HISTORY_MINUTES + '&series=' + series);
    charts.forEach((c) => c.plot.setData(columns(report.history || [], c.specs, c.axis.factor)));
  }

  function fillList(id, items, text) {
    const list = document.getElementById(id);
    list.replaceChildren(...(items.length ? items.map((i) => el('li', { text: text(i) }))
      : [el('li', { className: 'muted', text: 'Nothing to report.' })]));
  }

  async function refreshCapacity() {
    const body = await getJson('api/v1/capacity');
    fillList('monitor-forecasts', (body.forecasts || []), (f) => String(f.resource) + ': '
      + fmt(f.current, 3) + ' of ' + fmt(f.limit, 3)
      + (f.timeToLimit ? ', reaches the limit in ' + String(f.timeToLimit).replace(/^PT/, '').toLowerCase()
        : ', not heading for its limit'));
    fillList('monitor-suggestions', (body.suggestions || []), (s) =>
      '[' + String(s.severity) + '] ' + String(s.finding) + ' → ' + String(s.advice));
  }

  every(ALERTS_EVERY_MS, refreshAlerts);
  every(HISTORY_EVERY_MS, refreshHistory);
  every(CAPACITY_EVERY_MS, refreshCapacity);
})();
