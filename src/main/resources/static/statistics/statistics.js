// 统计分析: GET /api/statistics with the pickers' values; tables and ECharts charts (echarts from the jar's webjar);
// export with the same parameters. Authorization is the API's: a unit gets only its own figures.
(() => {
  const { el } = XF;
  const form = document.getElementById('stats-form');
  const error = document.getElementById('stats-error');
  const picker = document.getElementById('unit-picker');
  const RATES = ['TIMELY_ACCEPTANCE', 'ON_TIME_COMPLETION', 'REPLY', 'REPEAT', 'PARTICIPATION', 'SATISFACTION'];
  const charts = {};

  function pct(r) {
    return r && r.rate !== null && r.rate !== undefined ? (r.rate * 100).toFixed(1) + '%' : '—';
  }

  function params() {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (v) p.set(k, v);
    return p;
  }

  function chart(id) {
    if (typeof echarts === 'undefined') return null;
    if (!charts[id]) charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
    return charts[id];
  }

  function figureCells(f) {
    return [f.registrations, f.cases, ...RATES.map(k => pct(f.rates[k])), f.unsatisfied, f.overdue, f.escalated,
      f.appraisalPoints].map(v => el('td', {}, String(v)));
  }

  function figureHeads(defs) {
    return ['登记件次', '信访件数', ...defs.map(d => d.label), '不满意件', '逾期件', '督办升级件', '考核计分'];
  }

  function renderTotal(data) {
    const t = data.total;
    const cards = [['登记件次', t.registrations, '本期登记（含并入在办件）'], ['信访件数', t.cases, '未并入在办件的登记']];
    for (const d of data.definitions) {
      const r = t.rates[d.key];
      cards.push([d.label, pct(r), r.numerator + ' / ' + r.denominator]);
    }
    cards.push(['不满意件', t.unsatisfied, '评价为不满意'], ['逾期件', t.overdue, '曾逾期的信访件'],
      ['督办升级件', t.escalated, '逾期后升级督办'], ['考核计分', t.appraisalPoints, t.appraisalEntries + ' 条记录']);
    document.getElementById('total-cards').replaceChildren(...cards.map(([label, value, hint]) =>
      el('div', { class: 'card' }, el('div', {}, label), el('div', { class: 'value' }, String(value)),
        el('div', { class: 'hint' }, hint))));
    document.getElementById('total-title').textContent = '总体情况（' + data.unitName + '，' + data.from + ' 至 ' + data.to + '）';
  }

  function renderUnits(data) {
    const heads = ['单位', '区域', ...figureHeads(data.definitions)];
    const rows = data.byUnit.map(u => el('tr', {}, el('td', { class: 'name' }, u.unitName), el('td', { class: 'name' }, u.areaName),
      ...figureCells(u)));
    rows.push(el('tr', { class: 'total' }, el('td', {}, '合计'), el('td', {}, ''), ...figureCells(data.total)));
    document.getElementById('unit-table').replaceChildren(
      el('thead', {}, el('tr', {}, ...heads.map(h => el('th', {}, h)))), el('tbody', {}, ...rows));
    const units = data.byUnit.filter(u => u.unit);
    const c = chart('unit-chart');
    if (!c) return;
    c.setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, bottom: 80, top: 40 },
      xAxis: { type: 'category', data: units.map(u => u.unitName), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: ['ON_TIME_COMPLETION', 'REPLY', 'SATISFACTION'].map(k => ({
        name: data.definitions.find(d => d.key === k).label, type: 'bar',
        data: units.map(u => u.rates[k].rate === null ? null : +(u.rates[k].rate * 100).toFixed(1))
      }))
    }, true);
  }

  function renderPeriods(data) {
    document.getElementById('period-title').textContent = '按' + data.periodLabel;
    const heads = ['期间', ...figureHeads(data.definitions)];
    document.getElementById('period-table').replaceChildren(
      el('thead', {}, el('tr', {}, ...heads.map(h => el('th', {}, h)))),
      el('tbody', {}, ...data.byPeriod.map(p => el('tr', {}, el('td', { class: 'name' }, p.label), ...figureCells(p)))));
    const c = chart('period-chart');
    if (!c) return;
    c.setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 50, bottom: 40, top: 40 },
      xAxis: { type: 'category', data: data.byPeriod.map(p => p.label) },
      yAxis: [{ type: 'value', name: '件' }, { type: 'value', name: '%', max: 100 }],
      series: [
        { name: '登记件次', type: 'bar', data: data.byPeriod.map(p => p.registrations) },
        { name: '按期办结率', type: 'line', yAxisIndex: 1,
          data: data.byPeriod.map(p => p.rates.ON_TIME_COMPLETION.rate === null ? null : +(p.rates.ON_TIME_COMPLETION.rate * 100).toFixed(1)) },
        { name: '满意率', type: 'line', yAxisIndex: 1,
          data: data.byPeriod.map(p => p.rates.SATISFACTION.rate === null ? null : +(p.rates.SATISFACTION.rate * 100).toFixed(1)) }
      ]
    }, true);
  }

  function renderCounts(data) {
    for (const [dim, list] of Object.entries(data.counts)) {
      const table = document.getElementById('count-' + dim);
      if (!table) continue;
      table.replaceChildren(el('tbody', {}, ...list.map(c => el('tr', {}, el('td', { class: 'name' }, c.label),
        el('td', {}, String(c.count))))));
      const c = chart('chart-' + dim);
      if (!c) continue;
      c.setOption({
        tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
        series: [{ type: 'pie', radius: ['35%', '65%'], data: list.map(x => ({ name: x.label, value: x.count })),
          label: { formatter: '{b} {c}' } }]
      }, true);
    }
  }

  function renderDefinitions(data) {
    document.getElementById('definitions').replaceChildren(
      el('thead', {}, el('tr', {}, ...['指标', '分子', '分母', '所用日期'].map(h => el('th', {}, h)))),
      el('tbody', {}, ...data.definitions.map(d => el('tr', {}, el('td', { class: 'name' }, d.label),
        el('td', { class: 'name wrap' }, d.numerator), el('td', { class: 'name wrap' }, d.denominator),
        el('td', { class: 'name wrap' }, d.dates)))));
  }

  function fillPicker(data) {
    const chosen = data.unit || '';
    const options = data.units.map(u => el('option', { value: u.id }, u.name));
    // a unit sees only its own: no 全部单位 choice that it could not get anyway
    picker.replaceChildren(...(data.units.length > 1 || !data.unit ? [el('option', { value: '' }, data.units.length > 1 ? '全部单位' : '本单位')] : []),
      ...options);
    picker.value = chosen;
  }

  async function load() {
    error.textContent = '';
    const p = params();
    history.replaceState(null, '', '/statistics?' + p.toString());
    try {
      const data = await XF.getJson('/api/statistics?' + p.toString());
      form.from.value = data.from;
      form.to.value = data.to;
      form.period.value = data.period;
      fillPicker(data);
      renderTotal(data);
      renderUnits(data);
      renderPeriods(data);
      renderCounts(data);
      renderDefinitions(data);
      document.body.dataset.loaded = 'true';
    } catch (e) {
      if (e.message === 'LOGIN') { XF.loginHint(error); return; }
      error.textContent = e.message;
    }
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  document.getElementById('export-button').addEventListener('click', () => {
    window.location.href = '/api/statistics/export?' + params().toString();
  });
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));

  // the address keeps the choice: a link to /statistics?from=…&period=quarter opens that report
  const initial = new URLSearchParams(window.location.search);
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  form.from.value = initial.get('from') || today.slice(0, 4) + '-01-01';
  form.to.value = initial.get('to') || today;
  form.period.value = initial.get('period') || 'month';
  if (initial.get('unit')) picker.replaceChildren(el('option', { value: initial.get('unit') }, initial.get('unit')));
  picker.value = initial.get('unit') || '';
  XF.header();
  load();
})();
