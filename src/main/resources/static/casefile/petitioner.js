// 信访人档案: all cases of one petitioner, from GET /api/petitioners/by-case/{n} (office, leaders, supervision, admin).
(() => {
  const { el, time } = XF;
  const main = document.getElementById('profile');
  const caseNumber = decodeURIComponent(location.pathname.split('/')[3] || '');

  function counts(p) {
    return el('dl', { class: 'facts' },
      el('dt', {}, '信访件数'), el('dd', { id: 'case-count' }, p.caseCount + ' 件' + (p.longStanding ? '（老户）' : '')),
      el('dt', {}, '越级'), el('dd', { id: 'over-level-count' }, p.overLevelCount + ' 件（市级及以上交办）'),
      el('dt', {}, '重复信访'), el('dd', {}, p.repeatPetitionCount + ' 件，重复来访 ' + p.repeatVisitCount + ' 次'),
      el('dt', {}, '已终结'), el('dd', {}, p.finalCount + ' 件；在办 ' + p.openCount + ' 件'));
  }

  function cases(p) {
    return el('table', { class: 'responsive', id: 'cases' },
      el('thead', {}, el('tr', {}, ['编号', '信访事项', '类别', '来源', '状态', '登记时间'].map(h => el('th', {}, h)))),
      el('tbody', {}, p.cases.map(c => el('tr', {},
        el('td', { 'data-label': '编号' }, el('a', { href: '/cases/' + encodeURIComponent(c.caseNumber) }, c.caseNumber)),
        el('td', { 'data-label': '信访事项' }, c.subject, c.repeatOf ? '（重复 ' + c.repeatOf + '）' : '',
          c.confidential ? el('span', { class: 'badge secret' }, ' 检举控告 ') : null),
        el('td', { 'data-label': '类别' }, c.categoryLabel),
        el('td', { 'data-label': '来源' }, c.sourceLevelLabel, c.overLevel ? '（越级）' : ''),
        el('td', { 'data-label': '状态' }, c.statusLabel),
        el('td', { 'data-label': '登记时间' }, time(c.registeredAt))))));
  }

  async function load() {
    try {
      await XF.header();
      const p = await XF.getJson('/api/petitioners/by-case/' + encodeURIComponent(caseNumber));
      main.replaceChildren(el('h1', {}, '信访人档案：', p.petitionerName || '—'), counts(p),
        p.truncated ? el('p', { class: 'muted' }, '只列出最近的信访件。') : null, cases(p));
    } catch (e) {
      if (e.message === 'LOGIN') XF.loginHint(main);
      else main.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  }
  load();
})();
