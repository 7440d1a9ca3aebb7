// 案件查询: GET /api/cases with the form's conditions; export to Excel with the same conditions.
(() => {
  const { el, time } = XF;
  const form = document.getElementById('search-form');
  const results = document.getElementById('results');
  const summary = document.getElementById('search-summary');
  const pager = document.getElementById('pager');
  const SIZE = 20;

  function params(page) {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (v) p.set(k, v);
    if (page !== undefined) { p.set('page', page); p.set('size', SIZE); }
    return p;
  }

  async function search(page) {
    const p = params(page);
    history.replaceState(null, '', '/cases?' + p);
    summary.className = 'muted';
    summary.textContent = '正在查询……';
    try {
      const r = await XF.getJson('/api/cases?' + p);
      summary.textContent = '共 ' + r.total + ' 件' + (r.total ? '，第 ' + (r.page + 1) + ' / ' + r.pages + ' 页' : '');
      results.replaceChildren(r.items.length === 0 ? el('p', { class: 'muted' }, '没有符合条件、且您有权查看的信访件。')
        : el('table', { class: 'responsive', id: 'result-table' },
          el('thead', {}, el('tr', {}, ['编号', '登记时间', '信访事项', '类别', '信访人', '状态', '承办单位', '逾期']
            .map(h => el('th', {}, h)))),
          el('tbody', {}, r.items.map(i => el('tr', {},
            el('td', { 'data-label': '编号' }, el('a', { href: i.href }, i.caseNumber)),
            el('td', { 'data-label': '登记时间' }, time(i.registeredAt)),
            el('td', { 'data-label': '信访事项' }, i.subject),
            el('td', { 'data-label': '类别' }, i.categoryLabel),
            el('td', { 'data-label': '信访人' }, i.petitioner),
            el('td', { 'data-label': '状态' }, i.statusLabel),
            el('td', { 'data-label': '承办单位' }, i.handlingUnitName || '—'),
            el('td', { 'data-label': '逾期', class: i.overdue ? 'state-OVERDUE' : '' }, i.overdue ? '曾逾期' : '—'))))));
      pager.replaceChildren();
      if (r.page > 0) pager.append(button('上一页', () => search(r.page - 1)));
      if (r.page + 1 < r.pages) pager.append(button('下一页', () => search(r.page + 1)));
    } catch (e) {
      if (e.message === 'LOGIN') { XF.loginHint(results); summary.textContent = ''; return; }
      summary.className = 'error';
      summary.textContent = '查询条件有误：' + e.message;
      results.replaceChildren();
    }
  }

  function button(text, action) {
    const b = el('button', { type: 'button' }, text);
    b.addEventListener('click', action);
    return b;
  }

  form.addEventListener('submit', e => { e.preventDefault(); search(0); });
  document.getElementById('export-button').addEventListener('click', async () => {
    // fetched here, so that a refusal (too many rows) is shown on the page rather than as a broken download
    summary.className = 'muted';
    summary.textContent = '正在导出……';
    const r = await fetch('/api/cases/export?' + params(), { credentials: 'same-origin' });
    if (!r.ok) {
      summary.className = 'error';
      summary.textContent = '无法导出：' + await XF.problem(r);
      return;
    }
    const link = el('a', { href: URL.createObjectURL(await r.blob()), download: '信访台账.xlsx' });
    document.body.append(link);
    link.click();
    link.remove();
    summary.textContent = '已导出。';
  });

  const initial = new URLSearchParams(location.search);
  for (const [k, v] of initial.entries()) {
    const input = form.elements[k];
    if (!input) continue;
    if (input.type === 'checkbox') input.checked = v === 'true'; else input.value = v;
  }
  XF.header();
  search(0);
})();
