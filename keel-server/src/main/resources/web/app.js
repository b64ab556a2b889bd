// Keel dashboard: polls the HTTP API (../shared/API.md) and renders it without reloading.
// Plain script, no build step. Server text only ever reaches the page through textContent or
// setAttribute, never parsed as HTML, so an agent's result cannot inject markup.
(function () {
  'use strict';

  const SUMMARY_EVERY_MS = 1000;
  const OPERATIONS_EVERY_MS = 1000;
  const AGENTS_EVERY_MS = 3000;
  const EXTRAS_EVERY_MS = 5000;
  const CHART_WINDOW = 300;
  const OPERATIONS_LIMIT = 20;
  const REQUEST_TIMEOUT_MS = 5000;
  const ACTIVE = new Set(['QUEUED', 'RUNNING']);

  const EXAMPLE_INPUTS = {
    echo: '{"message":"hello"}',
    sleep: '{"ms":5000,"steps":10}',
    cpu: '{"iterations":100000}',
    fail: '{"message":"boom"}',
  };

  const $ = (id) => document.getElementById(id);

  // ---- HTTP -------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  async function api(path, options) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(path, Object.assign({
        headers: { 'Accept': 'application/json' },
        signal: controller.signal,
        cache: 'no-store',
      }, options));
      const text = await response.text();
      let body = null;
      if (text) {
        try { body = JSON.parse(text); } catch (e) { body = null; }
      }
      if (!response.ok) {
        const detail = body && (body.detail || body.title) ? (body.detail || body.title) : response.statusText;
        throw new ApiError(response.status, detail || ('HTTP ' + response.status));
      }
      return { status: response.status, body: body };
    } finally {
      clearTimeout(timer);
    }
  }

  // Runs task every periodMs, never overlapping itself; skips work while the tab is hidden.
  function every(periodMs, task) {
    async function tick() {
      if (!document.hidden) {
        try { await task(); } catch (e) { /* each task reports its own failures */ }
      }
      setTimeout(tick, periodMs);
    }
    tick();
  }

  // ---- formatting -------------------------------------------------------------------------

  function isNum(v) { return typeof v === 'number' && isFinite(v); }

  function fmtNum(v, digits) {
    if (!isNum(v)) return '–';
    return v.toLocaleString(undefined, { maximumFractionDigits: digits === undefined ? 1 : digits });
  }

  function fmtMs(v) {
    if (!isNum(v)) return '–';
    if (v < 1000) return fmtNum(v, v < 10 ? 2 : 0) + ' ms';
    if (v < 60000) return fmtNum(v / 1000, 1) + ' s';
    return fmtNum(v / 60000, 1) + ' min';
  }

  function fmtBytes(v) {
    if (!isNum(v)) return '–';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return fmtNum(v, i === 0 ? 0 : 1) + ' ' + units[i];
  }

  function fmtPercent(fraction) {
    return isNum(fraction) ? fmtNum(fraction * 100, 1) + ' %' : '–';
  }

  function fmtTime(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString();
  }

  function truncate(s, max) {
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  }

  function compactJson(v) {
    if (v === undefined || v === null) return '';
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null) continue;
        if (k === 'text') node.textContent = v;
        else if (k === 'className') node.className = v;
        else node.setAttribute(k, String(v));
      }
    }
    (children || []).forEach((c) => node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
    return node;
  }

  function setText(id, text) {
    const node = $(id);
    if (node && node.textContent !== text) node.textContent = text;
  }

  function setConnection(ok, message) {
    const node = $('connection');
    node.dataset.state = ok ? 'live' : 'offline';
    node.textContent = ok ? 'live' : ('offline: ' + message + ' — retrying');
  }

  // ---- charts -----------------------------------------------------------------------------

  // Bounded columnar series: uPlot wants one array per series, x first.
  class Series {
    constructor(width, limit) {
      this.columns = Array.from({ length: width }, () => []);
      this.limit = limit;
    }
    push(row) {
      row.forEach((v, i) => this.columns[i].push(isNum(v) ? v : null));
      if (this.columns[0].length > this.limit) this.columns.forEach((c) => c.shift());
    }
  }

  // Grid lines at whole powers of ten only: a log axis's default minor lines crowd a short chart.
  function decades(u, axisIndex, min, max) {
    const splits = [];
    for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
      const v = Math.pow(10, k);
      if (v >= min && v <= max) splits.push(v);
    }
    return splits;
  }

  function makeChart(containerId, seriesSpecs, yLabel, yScale) {
    const container = $(containerId);
    if (typeof window.uPlot !== 'function') {
      container.textContent = 'Charts unavailable: uPlot did not load.';
      return null;
    }
    const series = new Series(seriesSpecs.length + 1, CHART_WINDOW);
    const opts = {
      width: Math.max(container.clientWidth, 280),
      height: 200,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // At least a minute of axis, so the first few points do not stretch across a silly range.
        x: { time: true, range: (u, min, max) => [Math.min(min, max - 60), max] },
        y: yScale || { range: (u, min, max) => [0, Math.max(max || 0, 1)] } },
      axes: [
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
        Object.assign({ stroke: 'currentColor', label: yLabel, size: 56, grid: { stroke: 'rgba(128,128,128,0.2)' } },
          yScale && yScale.distr === 3 ? { splits: decades } : {}),
      ],
      series: [{}].concat(seriesSpecs.map((s) => ({
        label: s.label, stroke: s.color, width: 2, fill: s.fill, spanGaps: false,
        points: { show: false },
      }))),
    };
    const plot = new window.uPlot(opts, series.columns, container);
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        const w = Math.max(container.clientWidth, 280);
        if (Math.abs(w - plot.width) > 2) plot.setSize({ width: w, height: 200 });
      }).observe(container);
    }
    return {
      push(row) {
        series.push(row);
        plot.setData(series.columns);
      },
    };
  }

  const charts = {
    throughput: makeChart('throughput-chart', [
      { label: 'ops/s', color: '#2563eb', fill: 'rgba(37,99,235,0.12)' },
    ], 'ops/s'),
    latency: makeChart('latency-chart', [
      { label: 'p50', color: '#16a34a' },
      { label: 'p95', color: '#d97706' },
      { label: 'p99', color: '#dc2626' },
    // Logarithmic: p50 of a quick agent and p99 of a slow one differ by orders of magnitude.
    ], 'ms', { distr: 3, log: 10 }),
  };

  // ---- summary ----------------------------------------------------------------------------

  let lastSummaryAgents = [];

  // The server reports zero percentiles when its latency window holds no sample (nothing finished
  // lately); no real operation takes exactly 0 ms at p99, so all zeros read as "no data", not "0 ms".
  function hasLatency(stats) {
    return [stats.p50Ms, stats.p95Ms, stats.p99Ms].some((v) => isNum(v) && v > 0);
  }

  function setCounter(id, value) {
    const node = $(id);
    const text = fmtNum(value, 0);
    if (node.textContent !== text) node.textContent = text;
    node.dataset.value = isNum(value) ? String(value) : '';
  }

  function renderSystem(system) {
    if (!system) return;
    // cpu is the machine's load as a fraction (0..1).
    setText('sys-cpu', isNum(system.cpu) ? fmtNum(system.cpu * 100, 0) + ' %' : '–');
    const mem = system.memory || {};
    setText('sys-memory', isNum(mem.usedBytes)
      ? fmtBytes(mem.usedBytes) + (isNum(mem.maxBytes) ? ' / ' + fmtBytes(mem.maxBytes) : '') : '–');
    const disk = system.disk || {};
    setText('sys-disk', isNum(disk.freeBytes)
      ? fmtBytes(disk.freeBytes) + (isNum(disk.totalBytes) ? ' of ' + fmtBytes(disk.totalBytes) : '') : '–');
  }

  async function refreshSummary() {
    let summary;
    try {
      summary = (await api('api/v1/performance/summary')).body || {};
    } catch (e) {
      setConnection(false, e.message);
      return;
    }
    setConnection(true);
    const t = summary.totals || {};
    setCounter('running', t.running);
    setCounter('queued', t.queued);
    setCounter('succeeded', t.succeeded);
    setCounter('failed', t.failed);
    setText('throughput', isNum(t.throughputPerSec) ? fmtNum(t.throughputPerSec, 1) + ' ops/s' : '–');
    const measured = hasLatency(t);
    setText('p50', measured ? fmtMs(t.p50Ms) : '–');
    setText('p95', measured ? fmtMs(t.p95Ms) : '–');
    setText('p99', measured ? fmtMs(t.p99Ms) : '–');
    renderSystem(summary.system);
    lastSummaryAgents = Array.isArray(summary.agents) ? summary.agents : [];

    // The browser's clock, not summary.at: it only moves forward and the axis shows local time anyway.
    const x = Date.now() / 1000;
    if (charts.throughput) charts.throughput.push([x, t.throughputPerSec]);
    if (charts.latency) charts.latency.push(measured ? [x, t.p50Ms, t.p95Ms, t.p99Ms] : [x, null, null, null]);
  }

  // ---- agents -----------------------------------------------------------------------------

  function syncAgentOptions(names) {
    const select = $('agent');
    const current = Array.from(select.options).map((o) => o.value);
    if (names.length === 0 || names.join('\n') === current.join('\n')) return;
    const selected = select.value;
    select.replaceChildren(...names.map((n) => el('option', { value: n, text: n })));
    if (names.includes(selected)) select.value = selected;
  }

  async function refreshAgents() {
    let items;
    try {
      items = ((await api('api/v1/agents')).body || {}).items || [];
    } catch (e) {
      return;
    }
    syncAgentOptions(items.map((a) => String(a.name)));
    const perf = new Map(lastSummaryAgents.map((a) => [a.agent, a]));
    const rows = items.map((a) => {
      const seen = perf.get(a.name) || {};
      const p = hasLatency(seen) ? seen : { count: seen.count, throughputPerSec: seen.throughputPerSec };
      return el('tr', { 'data-agent': a.name }, [
        el('th', { scope: 'row', text: a.name }),
        el('td', { text: a.kind || '–' }),
        el('td', { className: 'num', text: fmtNum(a.busy, 0) }),
        el('td', { className: 'num', text: fmtNum(a.queued, 0) }),
        el('td', { className: 'num', text: fmtNum(p.count, 0) }),
        el('td', { className: 'num', text: fmtPercent(p.successRate) }),
        el('td', { className: 'num', text: fmtNum(p.throughputPerSec, 1) }),
        el('td', { className: 'num', text: fmtMs(p.p50Ms) }),
        el('td', { className: 'num', text: fmtMs(p.p95Ms) }),
        el('td', { className: 'num', text: fmtMs(p.p99Ms) }),
      ]);
    });
    $('agents').tBodies[0].replaceChildren(...rows);
  }

  // ---- operations -------------------------------------------------------------------------

  // Rows are kept per id and updated in place, so a button the user (or a test) is about to
  // click is not replaced under the pointer on the next poll.
  const rowsById = new Map();

  function buildRow(id) {
    const tr = el('tr', { 'data-op-id': id });
    const cells = {
      // Ids are time-ordered, so their heads look alike and their tails tell them apart.
      id: el('td', { className: 'id' }, [el('code', { text: id.length > 14 ? '…' + id.slice(-12) : id, title: id })]),
      agent: el('td', { className: 'agent' }),
      status: el('td', { className: 'status' }),
      priority: el('td', { className: 'num priority' }),
      created: el('td', { className: 'created' }),
      progress: el('td', { className: 'progress-cell' }),
      duration: el('td', { className: 'num duration' }),
      outcome: el('td', { className: 'outcome' }),
      actions: el('td', { className: 'actions' }),
    };
    const bar = el('progress', { max: '100', value: '0', 'aria-label': 'Progress of ' + id });
    const label = el('span', { className: 'progress-label' });
    cells.progress.append(bar, label);
    Object.values(cells).forEach((c) => tr.appendChild(c));
    return { tr, cells, bar, label };
  }

  function progressText(op, percent) {
    const p = op.progress || {};
    const parts = [fmtNum(percent, 0) + ' %'];
    if (isNum(p.stepIndex) && isNum(p.stepCount) && p.stepCount > 0) parts.push('step ' + p.stepIndex + '/' + p.stepCount);
    else if (p.step) parts.push(String(p.step));
    if (op.status === 'RUNNING' && isNum(p.etaMs)) parts.push('ETA ' + fmtMs(p.etaMs));
    return parts.join(' · ');
  }

  function outcomeText(op) {
    if (op.error) {
      const e = op.error;
      return compactJson(typeof e === 'object' ? (e.message || e.type || e) : e);
    }
    return compactJson(op.result);
  }

  function updateRow(row, op) {
    const { tr, cells, bar, label } = row;
    const status = String(op.status || '');
    tr.dataset.status = status;
    if (cells.status.textContent !== status) {
      cells.status.replaceChildren(el('span', { className: 'badge status-' + status.toLowerCase(), text: status }));
    }
    cells.agent.textContent = op.agent || '';
    cells.priority.textContent = isNum(op.priority) ? String(op.priority) : '–';
    cells.created.textContent = fmtTime(op.createdAt);
    cells.duration.textContent = fmtMs(op.durationMs);

    const reported = op.progress && isNum(op.progress.percent) ? op.progress.percent : 0;
    const percent = Math.max(0, Math.min(100, status === 'SUCCEEDED' ? 100 : reported));
    bar.value = percent;
    bar.dataset.percent = String(percent);
    label.textContent = progressText(op, percent);

    const outcome = outcomeText(op);
    cells.outcome.textContent = truncate(outcome, 80) + (op.cached ? ' (cached)' : '');
    cells.outcome.title = outcome;
    cells.outcome.classList.toggle('error', !!op.error);

    const button = cells.actions.querySelector('button.cancel');
    if (ACTIVE.has(status) && !button) {
      const b = el('button', { type: 'button', className: 'cancel', 'aria-label': 'Cancel operation ' + op.id, text: 'Cancel' });
      b.addEventListener('click', () => cancel(op.id, b));
      cells.actions.appendChild(b);
    } else if (!ACTIVE.has(status) && button) {
      button.remove();
    }
  }

  function renderOperations(items) {
    const tbody = $('operations').tBodies[0];
    const seen = new Set();
    items.forEach((op, index) => {
      const id = String(op.id);
      seen.add(id);
      let row = rowsById.get(id);
      if (!row) {
        row = buildRow(id);
        rowsById.set(id, row);
      }
      updateRow(row, op);
      if (tbody.children[index] !== row.tr) tbody.insertBefore(row.tr, tbody.children[index] || null);
    });
    for (const [id, row] of rowsById) {
      if (!seen.has(id)) {
        row.tr.remove();
        rowsById.delete(id);
      }
    }
    $('operations-empty').hidden = items.length > 0;
  }

  async function refreshOperations() {
    try {
      const body = (await api('api/v1/operations?limit=' + OPERATIONS_LIMIT)).body || {};
      renderOperations(Array.isArray(body.items) ? body.items : []);
    } catch (e) {
      setConnection(false, e.message);
    }
  }

  function showResult(message, ok, opId) {
    const node = $('submit-result');
    node.textContent = message;
    node.className = ok ? 'ok' : 'error';
    if (opId) node.dataset.opId = opId; else delete node.dataset.opId;
  }

  async function cancel(id, button) {
    button.disabled = true;
    try {
      await api('api/v1/operations/' + encodeURIComponent(id), { method: 'DELETE' });
      showResult('Cancelled ' + id, true, id);
    } catch (e) {
      button.disabled = false;
      showResult(e.status === 409 ? 'Operation ' + id + ' had already ended.' : 'Cancel failed: ' + e.message, false, id);
    }
    refreshOperations();
  }

  // ---- submit form ------------------------------------------------------------------------

  function wireForm() {
    const form = $('submit-form');
    const agent = $('agent');
    const input = $('input');
    let example = input.value;

    // Offer the chosen agent's example input, unless the user has written their own.
    agent.addEventListener('change', () => {
      const next = EXAMPLE_INPUTS[agent.value];
      if (next && input.value.trim() === example.trim()) {
        input.value = next;
        example = next;
      }
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let parsed;
      try {
        parsed = input.value.trim() === '' ? {} : JSON.parse(input.value);
      } catch (e) {
        showResult('Input is not valid JSON: ' + e.message, false);
        input.focus();
        return;
      }
      const body = { agent: agent.value, input: parsed };
      const priority = $('priority').value.trim();
      if (priority !== '') body.priority = Number(priority);
      const submit = $('submit');
      submit.disabled = true;
      try {
        const op = (await api('api/v1/operations', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
          body: JSON.stringify(body),
        })).body || {};
        showResult('Submitted ' + body.agent + ' operation ' + op.id + ' (' + op.status + ')', true, op.id);
      } catch (e) {
        showResult('Rejected: ' + e.message, false);
      } finally {
        submit.disabled = false;
      }
      refreshOperations();
    });
  }

  // ---- later capabilities -----------------------------------------------------------------

  function scalarText(v) {
    if (isNum(v)) return fmtNum(v, 2);
    if (v === null || v === undefined) return '–';
    return truncate(compactJson(v), 60);
  }

  function renderTable(rows) {
    const columns = [];
    rows.forEach((r) => Object.keys(r).forEach((k) => { if (!columns.includes(k)) columns.push(k); }));
    const shown = columns.slice(0, 7);
    return el('table', { className: 'compact' }, [
      el('thead', null, [el('tr', null, shown.map((c) => el('th', { scope: 'col', text: c })))]),
      el('tbody', null, rows.slice(0, 10).map((r) => el('tr', null, shown.map((c) => el('td', { text: scalarText(r[c]) }))))),
    ]);
  }

  // Generic rendering: a list becomes a table, an object of objects a table keyed by name,
  // anything else a definition list. Good enough until each capability gets its own view.
  function renderExtra(body) {
    if (body && Array.isArray(body.items)) {
      return body.items.length === 0 ? el('p', { className: 'muted', text: 'Nothing to show.' }) : renderTable(body.items);
    }
    if (!body || typeof body !== 'object') return el('p', { text: scalarText(body) });
    const nested = Object.entries(body).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v));
    const flat = Object.entries(body).filter(([, v]) => !(v && typeof v === 'object' && !Array.isArray(v)));
    const parts = [];
    if (flat.length) {
      parts.push(el('dl', { className: 'kv' }, flat.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: scalarText(v) })])));
    }
    if (nested.length) {
      parts.push(renderTable(nested.map(([k, v]) => Object.assign({ name: k }, v))));
    }
    return el('div', null, parts);
  }

  async function refreshExtras() {
    const panels = Array.from(document.querySelectorAll('section.extra:not([data-own-renderer]):not([data-custom])'));
    await Promise.all(panels.map(async (panel) => {
      const target = panel.querySelector('.extra-body');
      try {
        const { body } = await api(panel.dataset.endpoint);
        panel.dataset.available = 'true';
        if (!panel.dataset.custom) target.replaceChildren(renderExtra(body)); // panels/*.js render their own
      } catch (e) {
        panel.dataset.available = 'false';
        const text = e.status === 404 ? 'Not yet available.' : 'Unavailable: ' + e.message;
        if (!panel.dataset.custom) target.replaceChildren(el('p', { className: 'muted', text: text }));
      }
    }));
  }

  // ---- start ------------------------------------------------------------------------------

  wireForm();
  every(SUMMARY_EVERY_MS, refreshSummary);
  every(OPERATIONS_EVERY_MS, refreshOperations);
  every(AGENTS_EVERY_MS, refreshAgents);
  every(EXTRAS_EVERY_MS, refreshExtras);
})();
