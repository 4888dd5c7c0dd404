// Drawing a report (summary, uPlot chart of the windows, tables, raw JSON), a problem as
// sentences, and the progress of an asynchronous task.

const $ = (id) => document.getElementById(id);
const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const formatNumber = (value) => numbers.format(value);

function cell(tag, text, className) {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

const row = (...cells) => {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
};

/** `2026-09-01T00:00:00Z` as `2026-09-01`, or with its time when it does not fall on midnight. */
function formatInstant(instant) {
  const [date, time = ''] = instant.split('T');
  const clock = time.replace(/(\.0+)?Z$/, '');
  return clock === '00:00:00' || clock === '' ? date : `${date} ${clock.slice(0, 5)}`;
}

export function showProgress(text) {
  $('progress').hidden = text === undefined;
  $('progress-text').textContent = text ?? '';
}

/** A problem as sentences: its title, its detail, and each violation with its field. */
export function showError(error) {
  const problem = error.problem ?? { title: 'The page failed', detail: String(error.message ?? error) };
  const box = $('error');
  const parts = [cell('h2', problem.title ?? 'The request failed'), cell('p', problem.detail ?? error.message, 'detail')];
  const violations = (problem.errors ?? []).filter((item) => item.message && !(problem.detail ?? '').includes(item.message));
  if (violations.length > 0) {
    const list = document.createElement('ul');
    list.append(...violations.map((item) => cell('li', `${item.path.split('/').pop() || 'request'}: ${item.message}`)));
    parts.push(list);
  }
  const meta = [problem.code, problem.provider && `provider ${problem.provider}`, problem.requestId && `request ${problem.requestId}`].filter(Boolean);
  if (meta.length > 0) parts.push(cell('p', meta.join(' · '), 'meta'));
  box.replaceChildren(...parts);
  box.hidden = false;
}

export function clearResults() {
  $('error').hidden = true;
  $('report').hidden = true;
}

let plot;

function drawChart(report) {
  const host = $('chart');
  const note = $('chart-note');
  plot?.destroy();
  plot = undefined;
  host.plot = undefined;
  const windows = report.windows;
  if (!windows || windows.length === 0) {
    host.hidden = true;
    note.hidden = false;
    note.textContent = windows ? 'No events in this period: no window to draw.' : 'No window asked: the total only. Pick a window to see a chart.';
    return;
  }
  host.hidden = false;
  note.hidden = true;
  const data = [windows.map((item) => Date.parse(item.start) / 1000), windows.map((item) => item.value)];
  const step = data[0].length > 1 ? data[0][1] - data[0][0] : (Date.parse(windows[0].end) - Date.parse(windows[0].start)) / 1000;
  const bars = window.uPlot.paths.bars({ size: [0.7, 48] });
  plot = new window.uPlot({
    width: Math.max(320, host.clientWidth),
    height: 300,
    tzDate: (seconds) => window.uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    // Half a window of room on each side, so the first and last bars are drawn whole.
    scales: { x: { time: true, range: (_u, min, max) => [min - step / 2, max + step / 2] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    series: [
      { label: 'window start (UTC)' },
      { label: `${report.metric} (${report.aggregation})`, stroke: '#2563eb', fill: 'rgba(37, 99, 235, 0.35)', width: 1, paths: bars, points: { show: false }, value: (_u, value) => (value == null ? '–' : formatNumber(value)) },
    ],
    axes: [{}, { values: (_u, ticks) => ticks.map(formatNumber), size: 70 }],
  }, data, host);
  // The drawn data, for whoever inspects the page (its tests compare it with the API's windows).
  host.plot = plot;
}

export function resizeChart() {
  if (plot) plot.setSize({ width: Math.max(320, $('chart').clientWidth), height: 300 });
}

function fillTables(report) {
  const table = $('windows-table');
  const windows = report.windows ?? [];
  table.tHead.replaceChildren(windows.length > 0 ? row(cell('th', 'Window start'), cell('th', 'End'), cell('th', 'Value', 'num')) : row(cell('th', 'Period'), cell('th', ''), cell('th', 'Value', 'num')));
  table.tBodies[0].replaceChildren(...windows.map((item) => row(cell('td', formatInstant(item.start)), cell('td', formatInstant(item.end)), cell('td', formatNumber(item.value), 'num'))));
  table.tFoot.replaceChildren(row(cell('th', 'Total'), cell('th', `${formatInstant(report.from)} → ${formatInstant(report.to)}`), cell('th', formatNumber(report.value), 'num')));
  const groups = $('groups-table');
  groups.hidden = report.groups.length === 0;
  groups.tBodies[0].replaceChildren(...report.groups.map((group) => row(
    cell('td', group.key), cell('td', formatNumber(group.value), 'num'), cell('td', group.eventCount == null ? 'not reported' : formatNumber(group.eventCount), 'num'),
  )));
}

export function showReport(report) {
  $('summary-label').textContent = `${report.metric} · ${report.aggregation} · ${report.provider}`;
  $('total').textContent = formatNumber(report.value);
  $('unit').textContent = report.unit ?? '';
  const facts = [
    ['Period', `${formatInstant(report.from)} → ${formatInstant(report.to)}`],
    ['Events', report.eventCount == null ? 'not reported' : formatNumber(report.eventCount)],
    ['Windows', report.windows == null ? 'none asked' : String(report.windows.length)],
  ];
  $('facts').replaceChildren(...facts.flatMap(([name, value]) => [cell('dt', name), cell('dd', value)]));
  const warnings = $('warnings');
  warnings.hidden = report.warnings.length === 0;
  warnings.replaceChildren(...report.warnings.map((warning) => cell('li', warning.message)));
  $('raw').textContent = JSON.stringify(report, null, 2);
  $('report').hidden = false;
  fillTables(report);
  drawChart(report);
}
