// Keel dashboard, cache panel: hit rate per tier and hot/warm/cold key counts from
// GET api/v1/cache/stats, rendered into #cache-panel. Server values reach the page only
// through textContent, never parsed as HTML.
(function () {
  'use strict';

  const EVERY_MS = 5000;
  const TIMEOUT_MS = 5000;

  function node(tag, className, text) {
    const n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function count(v) { return isNum(v) ? v.toLocaleString() : '–'; }
  function percent(v) { return isNum(v) ? (v * 100).toFixed(1) + ' %' : '–'; }

  function tierRow(name, tier, enabled) {
    const row = node('tr');
    row.appendChild(node('th', null, name));
    if (!enabled) {
      const off = node('td', 'muted', 'off');
      off.colSpan = 4;
      row.appendChild(off);
      return row;
    }
    const t = tier || {};
    const rate = node('td', 'num', percent(t.hitRate));
    rate.dataset.metric = name + '-hit-rate';
    const meter = node('meter');
    meter.min = 0;
    meter.max = 1;
    meter.value = isNum(t.hitRate) ? t.hitRate : 0;
    meter.setAttribute('aria-label', name + ' hit rate');
    rate.prepend(meter, ' ');
    row.append(rate, node('td', 'num', count(t.hits)), node('td', 'num', count(t.misses)),
      node('td', 'num', t.entries === null ? 'n/a' : count(t.entries)));
    return row;
  }

  function render(target, s) {
    const table = node('table', 'compact');
    const head = node('tr');
    ['Tier', 'Hit rate', 'Hits', 'Misses', 'Entries'].forEach((h) => {
      const th = node('th', h === 'Tier' ? null : 'num', h);
      th.scope = 'col';
      head.appendChild(th);
    });
    const thead = node('thead');
    thead.appendChild(head);
    const tbody = node('tbody');
    tbody.append(tierRow('L1', s.l1, true), tierRow('L2', s.l2, s.l2Enabled === true));
    table.append(thead, tbody);

    const temps = node('dl', 'kv');
    [['Hot', s.hot], ['Warm', s.warm], ['Cold', s.cold]].forEach(([k, v]) => {
      const dd = node('dd', null, count(v));
      dd.dataset.metric = k.toLowerCase();
      temps.append(node('dt', null, k + ' keys'), dd);
    });
    const parts = [table, temps];
    if (s.l2Enabled === true && s.l2Available === false) {
      parts.push(node('p', 'muted', 'Redis unreachable: serving from L1 only.'));
    }
    target.replaceChildren(...parts);
  }

  async function refresh() {
    const target = document.getElementById('cache-panel');
    if (!target || document.hidden) return;
    const section = target.closest('section');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch('api/v1/cache/stats', {
        headers: { 'Accept': 'application/json' }, cache: 'no-store', signal: controller.signal,
      });
      if (!response.ok) throw new Error(response.status === 404 ? 'Not yet available.' : 'HTTP ' + response.status);
      render(target, await response.json());
      if (section) section.dataset.available = 'true';
    } catch (e) {
      if (section) section.dataset.available = 'false';
      target.replaceChildren(node('p', 'muted', e && e.message ? e.message : 'Unavailable.'));
    } finally {
      clearTimeout(timer);
    }
  }

  function loop() {
    refresh().finally(() => setTimeout(loop, EVERY_MS));
  }

  loop();
})();
