// The reception page: the schedule, publishing (信访室, administrators) and the month per leader.
// Data only from /api/reception-days; the Tasklist login is enough.
(async () => {
  const { el } = XF;
  const who = await XF.header();
  const schedule = document.getElementById('schedule');
  if (!who) { XF.loginHint(schedule); return; }
  const order = [];

  async function load() {
    try {
      const data = await XF.getJson('/api/reception-days?withCancelled=true');
      document.getElementById('publish-section').hidden = !data.canPublish;
      if (!data.receptionDays.length) { schedule.replaceChildren(el('p', {}, '今后60日暂无接访安排。')); return; }
      const rows = data.receptionDays.map(d => el('tr', {},
        el('td', { 'data-label': '日期' }, d.receptionDate),
        el('td', { 'data-label': '时间' }, d.startTime + '–' + d.endTime),
        el('td', { 'data-label': '方式' }, d.kindLabel),
        el('td', { 'data-label': '接访领导' }, d.leaders.map(l => l.name + '（' + l.title + '）' + (l.receiving ? '【主接访】' : '')).join('、'),
          d.units.length ? el('div', { class: 'muted' }, '参加单位：' + d.units.map(u => u.name).join('、')) : null),
        el('td', { 'data-label': '地点' }, d.place),
        el('td', { 'data-label': '主题' }, d.topics || ''),
        el('td', { 'data-label': '已接待' }, String(d.visits)),
        el('td', { 'data-label': '状态' }, d.statusLabel,
          data.canPublish && d.status === 'PUBLISHED' ? el('button', { type: 'button', 'data-cancel': d.id }, '取消') : null)));
      schedule.replaceChildren(el('table', { class: 'responsive' },
        el('thead', {}, el('tr', {}, ...['日期', '时间', '方式', '接访领导', '地点', '主题', '已接待', '状态'].map(h => el('th', {}, h)))),
        el('tbody', {}, rows)));
    } catch (e) {
      schedule.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  }

  schedule.addEventListener('click', async ev => {
    const id = ev.target.getAttribute && ev.target.getAttribute('data-cancel');
    if (!id || !confirm('取消第 ' + id + ' 号接访日？')) return;
    try { await XF.send('/api/reception-days/' + id + '/cancel', { method: 'POST' }); load(); }
    catch (e) { alert(e.message); }
  });

  async function loadMonth() {
    const month = document.getElementById('month').value;
    document.getElementById('month-json').href = '/api/reception-days/leader-month?month=' + month;
    const target = document.getElementById('month-table');
    try {
      const data = await XF.getJson('/api/reception-days/leader-month?month=' + encodeURIComponent(month));
      target.replaceChildren(data.leaders.length ? el('table', {},
        el('thead', {}, el('tr', {}, ...['领导', '接待来访', '包案', '已销号'].map(h => el('th', {}, h)))),
        el('tbody', {}, data.leaders.map(l => el('tr', {}, el('td', {}, l.name + '（' + l.title + '）'),
          el('td', {}, String(l.visitsReceived)), el('td', {}, String(l.casesOwned)), el('td', {}, String(l.casesResolved))))))
        : el('p', { class: 'muted' }, '本月暂无。'));
    } catch (e) {
      target.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  }

  async function choices() {
    const options = await XF.getJson('/api/reception-days/options');
    document.getElementById('leader-choices').replaceChildren(...options.leaders.map(l => el('label', {},
      el('input', { type: 'checkbox', name: 'leaders', value: l.userId }), l.name + '（' + l.title + '）')));
    document.getElementById('unit-choices').replaceChildren(...options.units.map(u => el('label', {},
      el('input', { type: 'checkbox', name: 'units', value: u.groupId }), u.name)));
  }

  document.getElementById('leader-choices').addEventListener('change', ev => {
    const v = ev.target.value;
    const i = order.indexOf(v);
    if (ev.target.checked && i < 0) order.push(v);
    if (!ev.target.checked && i >= 0) order.splice(i, 1);
  });

  document.getElementById('publish-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const body = { receptionDate: f.get('receptionDate'), startTime: f.get('startTime'), endTime: f.get('endTime'),
      place: f.get('place'), topics: f.get('topics'), leaders: order.slice(), units: f.getAll('units') };
    const msg = document.getElementById('publish-message');
    try {
      const d = await XF.send('/api/reception-days', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body) });
      msg.className = ''; msg.textContent = '已发布第 ' + d.id + ' 号接访日（' + d.receptionDate + ' ' + d.startTime + '–' + d.endTime + '）。';
      load();
    } catch (e) {
      msg.className = 'error'; msg.textContent = e.message;
    }
  });

  const now = new Date();
  document.getElementById('month').value = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0');
  document.getElementById('month').addEventListener('change', loadMonth);
  await load();
  loadMonth();
  if (!document.getElementById('publish-section').hidden) choices();
})();
