// Storage panel (issue 5): utilisation of the file store and what dedup and compression saved.
// Renders into #storage-panel every few seconds from GET api/v1/storage/stats; all server text goes
// through textContent, never innerHTML.
(function () {
  'use strict';

  const EVERY_MS = 5000;
  const target = document.getElementById('storage-panel');
  if (!target) return;
  const section = target.closest('section');
  if (section) section.dataset.custom = 'storage'; // app.js leaves custom panels alone

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'text') node.textContent = v;
      else if (k === 'className') node.className = v;
      else node.setAttribute(k, v);
    });
    (children || []).forEach((c) => node.appendChild(c));
    return node;
  }

  function isNum(v) {
    return typeof v === 'number' && Number.isFinite(v);
  }

  function fmtBytes(v) {
    if (!isNum(v)) return '–';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return v.toFixed(i === 0 ? 0 : 1) + ' ' + units[i];
  }

  function fmtPercent(v) {
    return isNum(v) ? v.toFixed(1) + ' %' : '–';
  }

  function render(s) {
    const saved = (s.dedupSavedBytes || 0) + (s.compressionSavedBytes || 0);
    const savedShare = s.logicalBytes > 0 ? (100 * saved) / s.logicalBytes : 0;
    const used = Math.max(0, Math.min(100, isNum(s.utilizationPercent) ? s.utilizationPercent : 0));
    const bar = el('progress', { max: '100', value: String(used), 'aria-label': 'storage utilisation' });
    const rows = [
      ['Utilisation', fmtPercent(s.utilizationPercent) + ' of ' + fmtBytes(s.capacityBytes)],
      ['Files', isNum(s.files) ? String(s.files) : '–'],
      ['Logical size', fmtBytes(s.logicalBytes)],
      ['Stored on disk', fmtBytes(s.storedBytes)],
      ['Saved by dedup', fmtBytes(s.dedupSavedBytes)],
      ['Saved by compression', fmtBytes(s.compressionSavedBytes)],
      ['Total savings', fmtBytes(saved) + ' (' + fmtPercent(savedShare) + ')'],
    ];
    target.replaceChildren(
      el('div', { className: 'progress-cell' }, [bar, el('span', { className: 'progress-label', text: fmtPercent(s.utilizationPercent) })]),
      el('dl', { className: 'kv' }, rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])));
  }

  async function refresh() {
    try {
      const response = await fetch('api/v1/storage/stats', { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      render(await response.json());
      if (section) section.dataset.available = 'true';
    } catch (e) {
      target.replaceChildren(el('p', { className: 'muted', text: 'Unavailable: ' + e.message }));
    }
  }

  refresh();
  setInterval(refresh, EVERY_MS);
})();
