// cryptopipe web UI: four pages over the JSON API, refreshed every 2 seconds while visible.
'use strict';

const $ = (id) => document.getElementById(id);
const fmt = (n) => (n === null || n === undefined) ? '–' : (typeof n === 'number' ? n.toLocaleString() : String(n));

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
  return body;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
}

function tableHtml(result) {
  const head = '<tr>' + result.columns.map((c) => '<th>' + escapeHtml(c) + '</th>').join('') + '</tr>';
  const rows = result.rows.map((r) => '<tr>' + r.map((v) => '<td>' + escapeHtml(v === null ? 'NULL' : v) + '</td>').join('') + '</tr>').join('');
  return '<table>' + head + rows + '</table>' + (result.truncated ? '<p class="muted">(truncated)</p>' : '');
}

// Times as local clock times, run ids as their time part; everything else as is.
function display(key, value) {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return new Date(value).toLocaleTimeString();
  if (key === 'lastRun' && typeof value === 'string') return value.split('__')[0];
  return fmt(value);
}

// ---- Pipeline ----
async function refreshPipeline() {
  const p = await api('/api/pipeline');
  $('stages').innerHTML = p.stages.map((s) => {
    const detail = Object.assign({}, s.detail);
    const counters = detail.counters || {};
    delete detail.counters;
    const rows = Object.entries(Object.assign({}, counters, detail))
      .map(([k, v]) => '<dt>' + escapeHtml(k) + '</dt><dd data-key="' + escapeHtml(k) + '">' + escapeHtml(display(k, v)) + '</dd>').join('');
    return '<div class="stage ' + escapeHtml(s.state) + '" data-stage="' + escapeHtml(s.name) + '">' +
      '<h3>' + escapeHtml(s.name) + ' <span class="muted">' + escapeHtml(s.state) + '</span></h3>' +
      (s.ratePerSecond !== null ? '<div class="big"><span class="rate">' + fmt(s.ratePerSecond) + '</span> /s</div>' : '') +
      (s.lag !== null ? '<div>lag <span class="lag">' + fmt(s.lag) + '</span></div>' : '') +
      (s.error ? '<div class="error">' + escapeHtml(s.error) + '</div>' : '') +
      '<dl>' + rows + '</dl></div>';
  }).join('');
  $('about').textContent = JSON.stringify(p.about, null, 2);
}

// ---- Runs ----
let runsCache = [];
async function refreshRuns() {
  const data = await api('/api/runs?limit=30');
  runsCache = data.runs.slice().reverse();
  $('next-run').textContent = 'next scheduled run: ' + new Date(data.nextRun).toLocaleTimeString();
  const tasks = [];
  runsCache.forEach((r) => r.tasks.forEach((t) => { if (!tasks.includes(t.taskId)) tasks.push(t.taskId); }));
  let html = '<tr><td></td>' + runsCache.map((r) => '<th title="' + escapeHtml(r.run.runId) + '">' +
    escapeHtml(new Date(r.run.start).toLocaleTimeString()) + '</th>').join('') + '</tr>';
  html += '<tr><td class="muted">run</td>' + runsCache.map((r, i) =>
    '<td><div class="cell run-state ' + r.run.state.toLowerCase() + '" data-run="' + i + '"></div></td>').join('') + '</tr>';
  tasks.forEach((task) => {
    html += '<tr><td>' + escapeHtml(task) + '</td>' + runsCache.map((r, i) => {
      const t = r.tasks.find((x) => x.taskId === task);
      return '<td><div class="cell ' + (t ? t.state.toLowerCase() : '') + '" data-run="' + i + '" data-task="' +
        escapeHtml(task) + '" title="' + escapeHtml(t ? t.state : '') + '"></div></td>';
    }).join('') + '</tr>';
  });
  $('grid').innerHTML = html;
}

$('grid').addEventListener('click', (e) => {
  const cell = e.target.closest('.cell');
  if (!cell) return;
  const run = runsCache[Number(cell.dataset.run)];
  const task = run.tasks.find((t) => t.taskId === cell.dataset.task);
  $('task-output').textContent = task
    ? [run.run.runId + ' / ' + task.taskId, 'state: ' + task.state + ' (attempt ' + task.attempt + ')',
       task.summary || '', task.failingNode ? 'failing node: ' + task.failingNode : '', task.message || ''].filter(Boolean).join('\n')
    : run.run.runId + ': ' + run.run.state + ' (' + run.run.trigger + ')';
});

$('trigger').addEventListener('click', async () => {
  await api('/api/runs', {method: 'POST'});
  setTimeout(refreshRuns, 500);
});

// ---- Data ----
async function refreshRelations() {
  const data = await api('/api/relations');
  $('relations').innerHTML = '<tr><th>relation</th><th>kind</th><th>rows</th><th>freshest</th></tr>' +
    data.relations.map((r) => '<tr class="clickable" data-name="' + escapeHtml(r.name) + '"><td>' + escapeHtml(r.name) +
      '</td><td>' + r.kind + '</td><td class="rows">' + fmt(r.rows) + '</td><td>' + escapeHtml(fmt(r.freshness)) + '</td></tr>').join('');
}

$('relations').addEventListener('click', async (e) => {
  const row = e.target.closest('tr[data-name]');
  if (!row) return;
  $('preview-title').textContent = 'Preview of ' + row.dataset.name;
  try {
    $('preview').innerHTML = tableHtml(await api('/api/relations/preview?name=' + encodeURIComponent(row.dataset.name)));
  } catch (err) {
    $('preview').innerHTML = '<p class="error">' + escapeHtml(err.message) + '</p>';
  }
});

$('run-sql').addEventListener('click', async () => {
  try {
    const result = await api('/api/sql', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({sql: $('sql').value})});
    $('sql-result').innerHTML = tableHtml(result);
  } catch (err) {
    $('sql-result').innerHTML = '<p class="error">' + escapeHtml(err.message) + '</p>';
  }
});

// ---- Market ----
let chart, candleSeries, volumeSeries, fittedSymbol;
function ensureChart() {
  if (chart) return;
  chart = LightweightCharts.createChart($('chart'), {
    layout: {background: {color: '#1a2129'}, textColor: '#d8dee6'},
    grid: {vertLines: {color: '#242c36'}, horzLines: {color: '#242c36'}},
    timeScale: {timeVisible: true, secondsVisible: false},
    autoSize: true,
  });
  candleSeries = chart.addCandlestickSeries();
  volumeSeries = chart.addHistogramSeries({priceScaleId: 'volume', priceFormat: {type: 'volume'}, color: '#3a7bd5'});
  chart.priceScale('volume').applyOptions({scaleMargins: {top: 0.8, bottom: 0}});
}

// A market is named as the topic keys it: BTCUSDT on Binance, coinbase:BTC-USD elsewhere.
let marketKeys = [];
const exchangeOf = (key) => key.includes(':') ? key.slice(0, key.indexOf(':')) : 'binance';
const venueSymbolOf = (key) => key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
function fillSymbols() {
  const exchange = $('exchange').value;
  $('symbol').innerHTML = marketKeys.filter((k) => exchangeOf(k) === exchange)
    .map((k) => '<option value="' + escapeHtml(k) + '">' + escapeHtml(venueSymbolOf(k)) + '</option>').join('');
}
async function refreshMarket() {
  const select = $('symbol');
  if (select.options.length === 0) {
    marketKeys = (await api('/api/market/symbols')).symbols;
    const exchanges = [...new Set(marketKeys.map(exchangeOf))].sort();
    $('exchange').innerHTML = exchanges.map((e) => '<option>' + escapeHtml(e) + '</option>').join('');
    fillSymbols();
  }
  const symbol = select.value;
  if (!symbol) return;
  ensureChart();
  const data = await api('/api/market/candles?symbol=' + encodeURIComponent(symbol) + '&minutes=180');
  $('candle-source').textContent = data.candles.length + ' one-minute candles from ' + data.source;
  candleSeries.setData(data.candles.map((c) => ({time: c.time, open: c.open, high: c.high, low: c.low, close: c.close})));
  volumeSeries.setData(data.candles.map((c) => ({time: c.time, value: c.volume})));
  if (fittedSymbol !== symbol) {
    chart.timeScale().fitContent();
    fittedSymbol = symbol;
  }
  const trades = (await api('/api/market/trades?symbol=' + encodeURIComponent(symbol) + '&limit=15')).trades;
  $('trades').innerHTML = '<tr><th>time</th><th>trade id</th><th>price</th><th>quantity</th><th>side</th></tr>' +
    trades.map((t) => '<tr><td>' + new Date(t.tradeTimeUs / 1000).toLocaleTimeString() + '</td><td>' + t.tradeId +
      '</td><td>' + escapeHtml(t.price) + '</td><td>' + escapeHtml(t.quantity) + '</td><td class="' + t.side + '">' + t.side + '</td></tr>').join('');
}
$('symbol').addEventListener('change', refreshMarket);
$('exchange').addEventListener('change', () => { fillSymbols(); refreshMarket(); });

// ---- navigation and refresh loop ----
const refreshers = {pipeline: refreshPipeline, runs: refreshRuns, data: refreshRelations, market: refreshMarket};
function currentPage() {
  const page = location.hash.replace('#', '');
  return refreshers[page] ? page : 'pipeline';
}
function show() {
  const page = currentPage();
  document.querySelectorAll('.page').forEach((el) => el.classList.toggle('active', el.id === 'page-' + page));
  document.querySelectorAll('nav a').forEach((el) => el.classList.toggle('active', el.dataset.page === page));
  tick();
}
async function tick() {
  try {
    await refreshers[currentPage()]();
    $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (err) {
    $('updated').textContent = 'error: ' + err.message;
  }
}
window.addEventListener('hashchange', show);
show();
setInterval(tick, 2000);
