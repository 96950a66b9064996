// cryptopipe web UI: four pages over the JSON API, refreshed every 2 seconds while visible.
'use strict';

const $ = (id) => document.getElementById(id);

async function api(path, options) {
  const response = await fetch(path, options);
  // The session ended (or the pipeline restarted): log in again.
  if (response.status === 401) window.location.assign('/login.html');
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
  return body;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
}

// ---- words: every field name the API uses, as people read it (the one place that maps names to labels) ----
const LABELS = {
  // exchange feed counters
  framesReceived: 'Frames received', tradesPublished: 'Trades published', malformed: 'Malformed frames',
  sendErrors: 'Send errors', reconnects: 'Reconnects', renewals: 'Connection renewals',
  duplicatesDropped: 'Duplicates dropped', gapsFound: 'Gaps found', tradesBackfilled: 'Trades backfilled',
  gapsLost: 'Gaps lost', tradesLost: 'Trades lost', openGaps: 'Open gaps', gapTradesPending: 'Trades still to fetch',
  oldestOpenGapSeconds: 'Oldest open gap (s)',
  // other stages
  topicRecords: 'Records in topic', deadLetters: 'Dead letters', loadedRecords: 'Records loaded',
  lastLoadedAt: 'Last loaded at', freshnessSeconds: 'Freshness (s)', nextRun: 'Next run', lastRun: 'Last run',
  lastRunState: 'Last run state', lastRunSeconds: 'Last run took (s)',
  tradeToRawP50Seconds: 'Trade → raw, median (s)', tradeToRawP99Seconds: 'Trade → raw, p99 (s)',
  refreshInterval: 'Refreshed every', lagP50Seconds: 'Trade → gold, median (s)', lagP99Seconds: 'Trade → gold, p99 (s)',
  lagMaxSeconds: 'Trade → gold, slowest (s)', tradesLastMinute: 'Trades into gold, last minute', lastRefresh: 'Last refresh at',
  lastRefreshSeconds: 'Last refresh took (s)', refreshes: 'Refreshes', failedRefreshes: 'Failed refreshes',
  dataDirBytes: 'Data directory', brokerLogBytes: 'Kafka log', warehouseBytes: 'Warehouse file', dbtArtifactsBytes: 'dbt artifacts',
  otherBytes: 'Other (logs)', freeBytes: 'Free space', minFreeBytes: 'Ingest pauses below',
  // history series (a name with a dot is one line of its group's chart: tradeToRawSeconds.p99)
  framesReceivedPerSecond: 'Frames received per second', tradesPerSecond: 'Trades published per second',
  loadedPerSecond: 'Trades loaded per second', sinkLag: 'Sink lag (records)',
  warehouseFreshnessSeconds: 'Warehouse freshness (s)', dagRunSeconds: 'DAG run duration (s)', diskUsedBytes: 'Disk used',
  tradeToRawSeconds: 'Trade → raw latency (s)', tradeToGoldSeconds: 'Trade → gold lag (s)', taskSeconds: 'Task durations (s)',
  // about
  source: 'Source', symbols: 'Symbols', kafka: 'Kafka', topic: 'Topic', connect: 'Kafka Connect', warehouse: 'Warehouse',
  file: 'File', schedule: 'Schedule', dataDir: 'Data directory', postgres: 'PostgreSQL', http: 'Web UI and API',
  goldRefresh: 'Gold refreshed', retention: 'Keeps', rawRows: 'Raw rows', kafkaLog: 'Kafka log',
  kafkaLogPerPartitionBytes: 'Kafka log per partition', minFreeDiskBytes: 'Pauses ingest below free disk',
};

// An unknown field still reads as words: tradeToGoldP99Ms -> "Trade to gold p99 (ms)".
function label(key) {
  if (LABELS[key]) return LABELS[key];
  let unit = '';
  const units = [['Seconds', ' (s)'], ['Millis', ' (ms)'], ['Ms', ' (ms)'], ['Bytes', ''], ['PerSecond', ' per second']];
  for (const [suffix, text] of units) {
    if (key.endsWith(suffix) && key.length > suffix.length) { key = key.slice(0, -suffix.length); unit = text; break; }
  }
  const words = key.replace(/[._-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1) + unit;
}

// Sizes in powers of 1000, as disks are sold.
function size(bytes) {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1000 && i < units.length - 1) { value /= 1000; i++; }
  return (i === 0 ? value : value.toFixed(value < 10 ? 2 : 1)) + ' ' + units[i];
}

function number(n) {
  return n.toLocaleString(undefined, {maximumFractionDigits: Math.abs(n) < 10 ? 2 : 1});
}

// A value as people read it: sizes for byte counts, clock times for instants, numbers with separators.
function display(key, value) {
  if (value === null || value === undefined) return '–';
  if (key.endsWith('Bytes') && typeof value === 'number') return size(value);
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return new Date(value).toLocaleTimeString();
  // Run ids read "scheduled__20261207T171300.121Z": how it was triggered, and when.
  const run = key === 'lastRun' && typeof value === 'string' && /^(\w+)__(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)/.exec(value);
  if (run) return run[1] + ', ' + new Date(Date.UTC(run[2], run[3] - 1, run[4], run[5], run[6], run[7])).toLocaleTimeString();
  if (typeof value === 'number') return number(value);
  if (/^[A-Z_]+$/.test(value)) return value.toLowerCase().replace(/_/g, ' ');
  return String(value);
}

// States as a coloured word.
const STATE_CLASS = {
  UP: 'ok', STREAMING: 'ok', SUCCESS: 'ok', FAILED: 'bad', DOWN: 'bad', UPSTREAM_FAILED: 'bad',
  RETRYING: 'warn', LAGGING: 'warn', DEGRADED: 'warn', CONNECTING: 'warn', UP_FOR_RETRY: 'warn', STARTING: 'warn',
  RUNNING: 'run', WAITING: 'idle', EMPTY: 'idle', STOPPED: 'idle', QUEUED: 'idle',
  OK: 'ok', MINUTELY: 'ok', LOW: 'bad', FAILING: 'bad',
};
const EVENT_CLASS = {ERROR: 'bad', WARNING: 'warn', INFO: 'ok'};
function stateBadge(state) {
  return '<span class="state ' + (STATE_CLASS[state] || 'idle') + '">' + escapeHtml(display('state', state)) + '</span>';
}

function tableHtml(result) {
  const head = '<tr>' + result.columns.map((c) => '<th>' + escapeHtml(c) + '</th>').join('') + '</tr>';
  const rows = result.rows.map((r) => '<tr>' + r.map((v) => '<td>' + escapeHtml(v === null ? 'NULL' : v) + '</td>').join('') + '</tr>').join('');
  return '<table>' + head + rows + '</table>' + (result.truncated ? '<p class="muted">(truncated)</p>' : '');
}

function seconds(start, end) {
  return (start && end) ? (new Date(end) - new Date(start)) / 1000 : null;
}

function duration(s) {
  if (s === null) return '';
  return s < 60 ? s.toFixed(s < 10 ? 1 : 0) + ' s' : Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s';
}

// Charts show local clock times, as the rest of the page does.
const CHART_TIME = {
  localization: {timeFormatter: (t) => new Date(t * 1000).toLocaleString()},
  timeScale: {timeVisible: true, secondsVisible: false, tickMarkFormatter: (t) => new Date(t * 1000).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'})},
};
const CHART_LOOK = {
  layout: {background: {color: '#1a2129'}, textColor: '#d8dee6'},
  grid: {vertLines: {color: '#242c36'}, horzLines: {color: '#242c36'}},
  autoSize: true,
};

// ---- Pipeline ----
const RATE_LABEL = {'exchange feed': 'Trades per second', kafka: 'Records per second', sink: 'Records loaded per second'};

async function refreshPipeline() {
  const [p, events] = await Promise.all([api('/api/pipeline'), api('/api/events')]);
  $('stages').innerHTML = p.stages.map((s) => {
    const detail = Object.assign({}, s.detail);
    const counters = detail.counters || {};
    delete detail.counters;
    const rows = Object.entries(Object.assign({}, counters, detail))
      .map(([k, v]) => '<dt>' + escapeHtml(label(k)) + '</dt><dd data-key="' + escapeHtml(k) + '">' + escapeHtml(display(k, v)) + '</dd>').join('');
    return '<div class="stage ' + (STATE_CLASS[s.state] || 'idle') + '" data-stage="' + escapeHtml(s.name) + '">' +
      '<h3>' + escapeHtml(s.name) + ' ' + stateBadge(s.state) + '</h3>' +
      (s.ratePerSecond !== null ? '<div class="big"><span class="rate">' + number(s.ratePerSecond) + '</span> <span class="unit">' +
        escapeHtml(RATE_LABEL[s.name] || 'per second') + '</span></div>' : '') +
      (s.lag !== null ? '<div>' + escapeHtml(label('sinkLag')) + ': <span class="lag">' + number(s.lag) + '</span></div>' : '') +
      (s.error ? '<div class="error">' + escapeHtml(s.error) + '</div>' : '') +
      '<dl>' + rows + '</dl></div>';
  }).join('');
  $('about').innerHTML = aboutHtml(p.about);
  $('events').innerHTML = events.events.length
    ? events.events.map((e) => '<li class="' + e.level.toLowerCase() + '"><span class="when">' + escapeHtml(new Date(e.at).toLocaleTimeString()) +
      '</span> <span class="state ' + EVENT_CLASS[e.level] + '">' + escapeHtml(e.level.toLowerCase()) + '</span>' +
      ' <b>' + escapeHtml(e.source) + '</b> ' + escapeHtml(e.message) + '</li>').join('')
    : '<li class="muted">Nothing went wrong since the pipeline started.</li>';
  await Promise.all([refreshGaps(), refreshHistory()]);
}

// The configuration as a list: symbols grouped by exchange, nested maps flattened into "Warehouse file".
const ABOUT_ORDER = ['source', 'symbols', 'schedule', 'goldRefresh', 'dataDir', 'retention', 'warehouse', 'http', 'postgres', 'kafka',
  'topic', 'connect'];
function aboutHtml(about) {
  const item = (name, value) => '<dt>' + escapeHtml(name) + '</dt><dd>' + escapeHtml(value) + '</dd>';
  const rank = ([key]) => { const i = ABOUT_ORDER.indexOf(key); return i < 0 ? ABOUT_ORDER.length : i; };
  return Object.entries(about || {}).sort((a, b) => rank(a) - rank(b)).map(([key, value]) => {
    if (key === 'symbols' && Array.isArray(value)) {
      const byExchange = {};
      value.forEach((s) => {
        const [exchange, symbol] = s.includes(':') ? s.split(/:(.*)/) : ['binance', s];
        (byExchange[exchange] = byExchange[exchange] || []).push(symbol);
      });
      return Object.entries(byExchange).map(([exchange, symbols]) =>
        item('Symbols on ' + exchange, symbols.join(', '))).join('');
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value).map(([k, v]) => item(label(key) + ': ' + label(k), display(k, v))).join('');
    }
    return item(label(key), Array.isArray(value) ? value.join(', ') : display(key, value));
  }).join('');
}

// The gap ledger: open gaps, then the ranges the exchange no longer has.
async function refreshGaps() {
  const g = await api('/api/gaps');
  const cell = (v) => '<td>' + escapeHtml(v) + '</td>';
  let html = '<p id="gaps-summary">' + number(g.openGaps) + ' open gaps, ' + number(g.tradesPending) + ' trades to fetch</p>';
  if (g.gaps.length) {
    html += '<table class="list"><tr><th>Symbol</th><th>From id</th><th>To id</th><th>Trades</th><th>Found</th>' +
      '<th>Attempts</th><th>Next try</th><th>Last error</th></tr>' +
      g.gaps.map((x) => '<tr>' + cell(x.exchange + ':' + x.symbol) + cell(x.fromId) + cell(x.toId) + cell(number(x.trades)) +
        cell(display('foundAt', x.foundAt)) + cell(x.attempts) + cell(display('nextTry', x.nextTry)) +
        cell((x.refused ? '(refused) ' : '') + (x.lastError || '')) + '</tr>').join('') + '</table>';
  }
  if (g.lost.length) {
    html += '<p>Lost (the exchange\'s history goes on without them):</p><table class="list"><tr><th>Symbol</th><th>From id</th>' +
      '<th>To id</th><th>Trades</th><th>Reason</th></tr>' +
      g.lost.map((x) => '<tr>' + cell(x.symbol) + cell(x.fromId) + cell(x.toId) + cell(number(x.trades)) + cell(x.reason) + '</tr>').join('') +
      '</table>';
  }
  $('gaps').innerHTML = html;
}

// ---- History charts: one per series, the well-known ones first; "group.line" series share their group's chart
// (task durations, latency median and p99) ----
const CHART_ORDER = ['framesReceivedPerSecond', 'tradesPerSecond', 'loadedPerSecond', 'sinkLag', 'warehouseFreshnessSeconds',
  'tradeToRawSeconds', 'tradeToGoldSeconds', 'dagRunSeconds', 'taskSeconds', 'openGaps', 'diskUsedBytes'];
const LINE_COLOURS = ['#3a7bd5', '#2e9d57', '#c99a2e', '#c86d2e', '#9b59b6', '#c8453c', '#1abc9c'];
const charts = {};
let historyMinutes = 15;
let historyFetchedAt = 0;

function chartGroup(name) {
  const dot = name.indexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
}

// A line of a shared chart by its part after the dot: a task id, or a percentile.
const LINE_LABELS = {p50: 'median', p99: 'p99'};
function lineName(name) {
  const line = name.slice(chartGroup(name).length + 1);
  return LINE_LABELS[line] || line;
}

function ensureHistoryChart(group) {
  if (charts[group]) return charts[group];
  const card = document.createElement('div');
  card.className = 'chart-card';
  card.dataset.series = group;
  card.innerHTML = '<div class="chart-head"><span class="chart-title">' + escapeHtml(label(group)) +
    '</span><span class="current"></span></div><div class="history-chart"></div>';
  const rank = (g) => { const i = CHART_ORDER.indexOf(g); return i < 0 ? CHART_ORDER.length : i; };
  const after = Array.from($('charts').children).find((c) => rank(c.dataset.series) > rank(group));
  $('charts').insertBefore(card, after || null);
  const chart = LightweightCharts.createChart(card.querySelector('.history-chart'), Object.assign({}, CHART_LOOK, CHART_TIME,
    {rightPriceScale: {scaleMargins: {top: 0.15, bottom: 0.05}}, handleScroll: false, handleScale: false,
      // The page's footer credits TradingView once instead of a logo on every small chart.
      layout: Object.assign({}, CHART_LOOK.layout, {attributionLogo: false})}));
  charts[group] = {chart, card, lines: {}};
  return charts[group];
}

async function refreshHistory(force) {
  // Six hours of every series is a few hundred kilobytes: fetched every 5 seconds, not every 2.
  if (!force && Date.now() - historyFetchedAt < 5000) return;
  historyFetchedAt = Date.now();
  const series = (await api('/api/history?minutes=' + historyMinutes)).series;
  const names = Object.keys(series).filter((n) => series[n].length > 0);
  $('history-note').textContent = names.length ? '' : 'The first points appear a few seconds after start.';
  names.forEach((name) => {
    const group = ensureHistoryChart(chartGroup(name));
    let line = group.lines[name];
    if (!line) {
      const colour = LINE_COLOURS[Object.keys(group.lines).length % LINE_COLOURS.length];
      const options = {color: colour, lineWidth: 2, priceLineVisible: false,
        title: lineName(name)};
      if (name.endsWith('Bytes')) options.priceFormat = {type: 'custom', formatter: size};
      line = group.lines[name] = group.chart.addLineSeries(options);
    }
    line.setData(series[name].map(([t, v]) => ({time: t / 1000, value: v})));
    line.pointCount = series[name].length;
  });
  Object.entries(charts).forEach(([group, c]) => {
    const latest = Object.keys(c.lines).filter((n) => series[n] && series[n].length)
      .map((n) => [n, series[n][series[n].length - 1][1]]);
    c.card.querySelector('.current').classList.toggle('several', latest.length > 1);
    c.card.querySelector('.current').textContent = latest.map(([n, v]) => (lineName(n) ? lineName(n) + ' ' : '') + display(n, v))
      .join(' · ');
    c.card.dataset.points = Object.keys(c.lines).reduce((sum, n) => sum + (series[n] ? series[n].length : 0), 0);
    c.chart.timeScale().fitContent();
  });
}

document.querySelectorAll('#history-range button').forEach((button) => button.addEventListener('click', () => {
  document.querySelectorAll('#history-range button').forEach((b) => b.classList.toggle('active', b === button));
  historyMinutes = Number(button.dataset.minutes);
  refreshHistory(true);
}));

// ---- Runs ----
let runsCache = [];
async function refreshRuns() {
  const data = await api('/api/runs?limit=30');
  const filter = $('run-filter').value;
  runsCache = data.runs.slice().reverse().filter((r) => !filter || r.run.state.toLowerCase() === filter);
  $('next-run').textContent = 'Next scheduled run at ' + new Date(data.nextRun).toLocaleTimeString();
  const tasks = [];
  runsCache.forEach((r) => r.tasks.forEach((t) => { if (!tasks.includes(t.taskId)) tasks.push(t.taskId); }));
  let html = '<tr><td></td>' + runsCache.map((r) => '<th title="' + escapeHtml(r.run.runId) + '">' +
    escapeHtml(new Date(r.run.start).toLocaleTimeString()) + '</th>').join('') + '</tr>';
  html += '<tr><td class="muted">whole run</td>' + runsCache.map((r, i) =>
    '<td><div class="cell run-state ' + r.run.state.toLowerCase() + '" data-run="' + i + '" title="' + escapeHtml(display('state', r.run.state)) +
    '">' + escapeHtml(duration(seconds(r.run.start, r.run.end))) + '</div></td>').join('') + '</tr>';
  tasks.forEach((task) => {
    html += '<tr><td>' + escapeHtml(task) + '</td>' + runsCache.map((r, i) => {
      const t = r.tasks.find((x) => x.taskId === task);
      return '<td><div class="cell ' + (t ? t.state.toLowerCase() : '') + '" data-run="' + i + '" data-task="' +
        escapeHtml(task) + '" title="' + escapeHtml(t ? display('state', t.state) + (t.message ? ': ' + t.message : '') : '') + '">' +
        escapeHtml(t ? duration(seconds(t.start, t.end)) : '') + '</div></td>';
    }).join('') + '</tr>';
  });
  $('grid').innerHTML = runsCache.length ? html : '<tr><td class="muted">No runs match.</td></tr>';
  const failures = [];
  runsCache.slice().reverse().forEach((r) => r.tasks.filter((t) => t.state === 'FAILED').forEach((t) => failures.push([r, t])));
  $('failures').innerHTML = failures.length
    ? failures.map(([r, t]) => '<li class="error-item"><span class="when">' + escapeHtml(new Date(r.run.start).toLocaleTimeString()) +
      '</span> <b>' + escapeHtml(t.taskId) + '</b>' + (t.failingNode ? ' at ' + escapeHtml(t.failingNode) : '') +
      ': <span class="message">' + escapeHtml((t.message || t.summary || 'failed').split('\n')[0]) + '</span></li>').join('')
    : '<li class="muted">No failed task in these runs.</li>';
}

$('run-filter').addEventListener('change', refreshRuns);

$('grid').addEventListener('click', (e) => {
  const cell = e.target.closest('.cell');
  if (!cell) return;
  const run = runsCache[Number(cell.dataset.run)];
  const task = run.tasks.find((t) => t.taskId === cell.dataset.task);
  $('task-output').textContent = task
    ? [run.run.runId + ' / ' + task.taskId, 'state: ' + display('state', task.state) + ' (attempt ' + task.attempt + ')',
       task.summary || '', task.failingNode ? 'failing node: ' + task.failingNode : '', task.message || ''].filter(Boolean).join('\n')
    : run.run.runId + ': ' + display('state', run.run.state) + ' (' + display('trigger', run.run.trigger) + ')';
});

$('trigger').addEventListener('click', async () => {
  await api('/api/runs', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'});
  setTimeout(refreshRuns, 500);
});

// ---- Data ----
// The warehouse keeps UTC timestamps without a zone ("2026-12-07 17:21:24.016"): shown to the second, with their age.
function freshness(text) {
  if (!text) return '–';
  const at = new Date(text.replace(' ', 'T') + 'Z');
  const age = Math.round((Date.now() - at) / 1000);
  const shown = text.replace(/\.\d+$/, '');
  if (isNaN(age) || age < 0) return shown;
  return shown + ' (' + (age < 120 ? age + ' s' : age < 7200 ? Math.round(age / 60) + ' min' : Math.round(age / 3600) + ' h') + ' ago)';
}

async function refreshRelations() {
  const [data, pipeline] = await Promise.all([api('/api/relations'), api('/api/pipeline')]);
  const pg = pipeline.about && pipeline.about.postgres;
  $('postgres').textContent = pg
    ? 'SQL and BI tools (psql, DBeaver, pandas, Metabase, Power BI): ' + pg + ' (read-only, SSL off)'
    : 'The PostgreSQL endpoint is off (up --pg-port 0).';
  $('relations').innerHTML = '<tr><th>Relation</th><th>Kind</th><th>Rows</th><th>Freshest row</th><th>Columns</th></tr>' +
    data.relations.map((r) => '<tr class="clickable" data-name="' + escapeHtml(r.name) + '"><td>' + escapeHtml(r.name) +
      '</td><td>' + escapeHtml(r.kind) + '</td><td class="rows">' + (r.rows === null ? '–' : number(r.rows)) + '</td><td>' +
      escapeHtml(freshness(r.freshness)) + '</td><td class="columns">' +
      (r.columns || []).map((c) => '<span class="column">' + escapeHtml(c.name) + ' <span class="muted">' + escapeHtml(c.type.toLowerCase()) +
        '</span></span>').join(' ') + '</td></tr>').join('');
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
let chart, candleSeries, volumeSeries, fitted, marketFetchedAt = 0;
function ensureChart() {
  if (chart) return;
  chart = LightweightCharts.createChart($('chart'), Object.assign({}, CHART_LOOK, CHART_TIME));
  // Candles in the top three quarters, volume bars under them.
  candleSeries = chart.addCandlestickSeries();
  candleSeries.priceScale().applyOptions({scaleMargins: {top: 0.08, bottom: 0.25}});
  volumeSeries = chart.addHistogramSeries({priceScaleId: 'volume', priceFormat: {type: 'volume'}, color: '#3a7bd5',
    lastValueVisible: false, priceLineVisible: false});
  chart.priceScale('volume').applyOptions({scaleMargins: {top: 0.8, bottom: 0}});
}

// Symbols may come exchange-qualified ("coinbase:BTC-USD") or as {exchange, symbol}; bare ones are Binance's.
function venue(entry) {
  if (entry && typeof entry === 'object') return {exchange: entry.exchange || 'binance', symbol: entry.symbol, key: entry.key || entry.symbol};
  const at = entry.indexOf(':');
  return at < 0 ? {exchange: 'binance', symbol: entry, key: entry} : {exchange: entry.slice(0, at), symbol: entry.slice(at + 1), key: entry};
}

let venues = [];
async function loadSymbols() {
  venues = (await api('/api/market/symbols')).symbols.map(venue);
  const exchanges = [...new Set(venues.map((v) => v.exchange))];
  const chosen = $('exchange').value;
  $('exchange').innerHTML = exchanges.map((x) => '<option' + (x === chosen ? ' selected' : '') + '>' + escapeHtml(x) + '</option>').join('');
  fillSymbols();
}

function fillSymbols() {
  const chosen = $('symbol').value || 'BTCUSDT';
  $('symbol').innerHTML = venues.filter((v) => v.exchange === $('exchange').value)
    .map((v) => '<option value="' + escapeHtml(v.key) + '"' + (v.key === chosen ? ' selected' : '') + '>' + escapeHtml(v.symbol) + '</option>').join('');
}

async function refreshMarket(force) {
  // Candles change once a gold refresh lands: every 5 seconds is often enough.
  if (force !== true && Date.now() - marketFetchedAt < 5000 && $('symbol').options.length) return;
  marketFetchedAt = Date.now();
  if ($('symbol').options.length === 0) await loadSymbols();
  const symbol = $('symbol').value;
  if (!symbol) {
    $('candle-source').textContent = 'No trades in the warehouse yet.';
    return;
  }
  ensureChart();
  const minutes = $('range').value;
  const data = await api('/api/market/candles?symbol=' + encodeURIComponent(symbol) + '&minutes=' + minutes);
  $('candle-source').textContent = data.candles.length + ' one-minute candles from ' + data.source;
  candleSeries.setData(data.candles.map((c) => ({time: c.time, open: c.open, high: c.high, low: c.low, close: c.close})));
  volumeSeries.setData(data.candles.map((c) => ({time: c.time, value: c.volume,
    color: c.close >= c.open ? 'rgba(38,166,154,0.5)' : 'rgba(239,83,80,0.5)'})));
  if (fitted !== symbol + minutes) {
    // At least half an hour's width of bars, so a young pipeline's few candles are not drawn a hand wide.
    const n = data.candles.length;
    chart.timeScale().setVisibleLogicalRange({from: n - Math.max(n, 30), to: n + 1});
    fitted = symbol + minutes;
  }
  const latest = await api('/api/market/trades?symbol=' + encodeURIComponent(symbol) + '&limit=15');
  $('trades-source').textContent = latest.source ? 'from ' + latest.source : '';
  $('trades').innerHTML = '<tr><th>Time</th><th>Trade id</th><th>Price</th><th>Quantity</th><th>Side</th></tr>' +
    latest.trades.map((t) => '<tr><td>' + new Date(t.tradeTimeUs / 1000).toLocaleTimeString() + '</td><td>' + escapeHtml(t.tradeId) +
      '</td><td>' + escapeHtml(t.price) + '</td><td>' + escapeHtml(t.quantity) + '</td><td class="' + escapeHtml(t.side) + '">' +
      escapeHtml(t.side) + '</td></tr>').join('');
}
$('exchange').addEventListener('change', () => { fillSymbols(); refreshMarket(true); });
$('symbol').addEventListener('change', () => refreshMarket(true));
$('range').addEventListener('change', () => refreshMarket(true));

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
    $('updated').textContent = 'Updated at ' + new Date().toLocaleTimeString();
  } catch (err) {
    $('updated').textContent = 'Error: ' + err.message;
  }
}
window.addEventListener('hashchange', show);
show();
setInterval(tick, 2000);
