// The workbench's charts and network graph. The pages work without this file: every chart has a table
// beside it. Data comes from <script type="application/json"> blocks and same-origin API calls; nothing here
// writes HTML from data (text goes through textContent or the chart libraries' canvas).
import * as echarts from 'echarts/core';
import { BarChart, SankeyChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import cytoscape from 'cytoscape';

echarts.use([BarChart, SankeyChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

function data(id) {
  const el = document.getElementById(id);
  if (!el) return null;
  try { return JSON.parse(el.textContent); } catch { return null; }
}

function chart(el, option) {
  el.classList.add('ready');
  const c = echarts.init(el, null, { renderer: 'canvas' });
  c.setOption(Object.assign({ tooltip: { trigger: 'axis', renderMode: 'richText' }, animation: false }, option));
  window.addEventListener('resize', () => c.resize());
  return c;
}

const usd = (v) => '$' + Math.round(v).toLocaleString('en-US');

function monthsChart(el) {
  const rows = data('data-months') || [];
  if (!rows.length) return;
  chart(el, {
    legend: { data: ['direct', 'via hubs'] },
    grid: { left: 70, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: { type: 'value', name: 'USD', axisLabel: { formatter: (v) => (v / 1e6).toFixed(1) + 'M' } },
    series: [
      { name: 'direct', type: 'bar', stack: 'v', data: rows.map((r) => r.direct_usd) },
      { name: 'via hubs', type: 'bar', stack: 'v', data: rows.map((r) => r.hub_usd) },
    ],
  });
}

function partyMonthsChart(el) {
  const rows = data('data-party-months') || [];
  if (!rows.length) return;
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const series = ['shipper', 'consignee'].map((role) => {
    const by = new Map(rows.filter((r) => r.role === role).map((r) => [r.month, r.value_usd]));
    return { name: role === 'shipper' ? 'out (as shipper)' : 'in (as consignee)', type: 'bar', data: months.map((m) => by.get(m) || 0) };
  });
  chart(el, {
    legend: {},
    grid: { left: 70, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: 'USD' },
    series,
  });
}

function sankeyChart(el) {
  const rows = data('data-sankey') || [];
  if (!rows.length) return;
  const nodes = new Map();
  const links = new Map();
  const node = (n) => { nodes.set(n, { name: n }); return n; };
  const link = (a, b, v) => {
    const k = a + '\u0000' + b;
    const l = links.get(k) || { source: a, target: b, value: 0 };
    l.value += v || 0;
    links.set(k, l);
  };
  for (const r of rows.slice(0, 80)) {
    const v = r.value_usd || r.lines;
    const from = node('from ' + r.origin);
    const to = node('to ' + r.destination);
    if (r.dispatch && r.dispatch !== r.origin) {
      const via = node('via ' + r.dispatch);
      link(from, via, v);
      link(via, to, v);
    } else {
      link(from, to, v);
    }
  }
  chart(el, {
    tooltip: { trigger: 'item', renderMode: 'richText', formatter: (p) => (p.dataType === 'edge' ? `${p.data.source} → ${p.data.target}: ${usd(p.data.value)}` : p.name) },
    series: [{ type: 'sankey', emphasis: { focus: 'adjacency' }, nodeAlign: 'justify', data: [...nodes.values()], links: [...links.values()], label: { fontSize: 12 } }],
  });
}

function riskColour(r) {
  if (r >= 0.75) return '#b3261e';
  if (r >= 0.4) return '#c26a00';
  if (r > 0) return '#8a9a00';
  return '#6b8bb0';
}

function partyURL(ref) { return '/parties/' + encodeURIComponent(ref); }

// Cytoscape injects a <style> element unless one with this id exists; the CSP forbids inline styles, so the
// rule it wants lives in app.css and a placeholder element stands in for the stylesheet.
function noInjectedStyle() {
  const id = '__________cytoscape_stylesheet';
  if (!document.getElementById(id)) {
    const m = document.createElement('meta');
    m.id = id;
    document.head.appendChild(m);
  }
}

async function networkGraph(el) {
  noInjectedStyle();
  const url = el.dataset.network;
  if (!url) return;
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) return;
  const net = await res.json();
  el.classList.add('ready');
  const cy = cytoscape({
    container: el,
    elements: [],
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', 'font-size': 9, 'text-wrap': 'ellipsis', 'text-max-width': 140, width: 'data(size)', height: 'data(size)' } },
      { selector: 'node[hop = 0]', style: { 'border-width': 3, 'border-color': '#10243e' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': '#b9c3cf', 'target-arrow-color': '#b9c3cf', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
    ],
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 1.6,
  });
  const add = (n) => {
    for (const x of n.nodes) {
      if (cy.getElementById(x.id).length) continue;
      cy.add({ group: 'nodes', data: { id: x.id, label: x.name + (x.country ? ' (' + x.country + ')' : ''), colour: riskColour(x.risk), size: x.hop === 0 ? 34 : 20, hop: x.hop } });
    }
    for (const e of n.edges) {
      const id = e.from + '\u0000' + e.to;
      if (cy.getElementById(id).length || !cy.getElementById(e.from).length || !cy.getElementById(e.to).length) continue;
      cy.add({ group: 'edges', data: { id, source: e.from, target: e.to, width: Math.max(1, Math.min(8, Math.log10((e.value_usd || 1) + 1))) } });
    }
    cy.layout({ name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, padding: 40 }).run();
  };
  add(net);
  let clickTimer = null;
  cy.on('tap', 'node', (ev) => {
    const id = ev.target.id();
    clearTimeout(clickTimer);
    clickTimer = setTimeout(() => { window.location.href = partyURL(id); }, 350);
  });
  cy.on('dbltap', 'node', async (ev) => {
    clearTimeout(clickTimer);
    const id = ev.target.id();
    const r = await fetch('/api/v1/parties/' + encodeURIComponent(id) + '/network?hops=1', { credentials: 'same-origin' });
    if (r.ok) add(await r.json());
  });
  window.tradetraceGraph = cy; // for the browser test
}

function init() {
  for (const el of document.querySelectorAll('[data-chart]')) {
    try {
      ({ months: monthsChart, 'party-months': partyMonthsChart, sankey: sankeyChart })[el.dataset.chart]?.(el);
    } catch (e) { console.error('chart', e); }
  }
  const g = document.getElementById('graph');
  if (g) networkGraph(g).catch((e) => console.error('graph', e));
  document.body.dataset.ready = '1';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
