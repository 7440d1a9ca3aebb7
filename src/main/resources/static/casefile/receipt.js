// 登记回执: number, date, subject, office, how to follow up, and the 查询码 (shown once).
(() => {
  const { el, time, date } = XF;
  const main = document.getElementById('receipt');
  const caseNumber = decodeURIComponent(location.pathname.split('/')[2] || '');

  function codeBlock(r, code) {
    if (code) {
      return el('div', {},
        el('p', {}, '查询码：', el('span', { class: 'querycode', id: 'query-code' }, code)),
        el('p', { class: 'notice no-print' }, '查询码只显示这一次，系统只保存其加密摘要。请立即打印本回执交信访人；'
          + '离开本页后无法再次查看，遗失须重新出具（原查询码随即作废）。'));
    }
    return el('p', { class: 'muted', id: 'query-code-hint' }, r.queryCodeIssuedAt
      ? '查询码已于 ' + time(r.queryCodeIssuedAt) + ' 出具，出于安全只显示一次。如回执遗失，可重新出具新的查询码（原查询码作废）。'
      : '尚未出具查询码。');
  }

  function render(r, code) {
    const reissue = el('button', { type: 'button', id: 'reissue' }, '重新出具查询码');
    const status = el('span', { class: 'muted' });
    reissue.addEventListener('click', async () => {
      if (!confirm('重新出具后，原查询码立即作废。确定重新出具？')) return;
      reissue.disabled = true;
      try {
        const answer = await XF.send('/api/cases/' + encodeURIComponent(caseNumber) + '/query-code', { method: 'POST' });
        render(await XF.getJson('/api/cases/' + encodeURIComponent(caseNumber) + '/receipt'), answer.queryCode);
      } catch (e) {
        status.className = 'error';
        status.textContent = e.message;
        reissue.disabled = false;
      }
    });
    main.replaceChildren(
      el('section', {},
        el('h1', { style: 'text-align:center' }, r.office + ' 信访事项登记回执'),
        el('dl', { class: 'facts' },
          el('dt', {}, '信访件编号'), el('dd', {}, el('strong', { id: 'receipt-case-number' }, r.caseNumber)),
          el('dt', {}, '登记日期'), el('dd', {}, date(r.registeredAt)),
          el('dt', {}, '信访人'), el('dd', {}, r.petitioner),
          el('dt', {}, '信访事项'), el('dd', {}, r.subject),
          el('dt', {}, '渠道'), el('dd', {}, r.channelLabel),
          el('dt', {}, '接待人'), el('dd', {}, r.receivedBy),
          el('dt', {}, '登记机关'), el('dd', {}, r.office)),
        codeBlock(r, code),
        el('h2', { style: 'margin-top:1em' }, '如何查询办理进展'),
        el('p', {}, r.followUp),
        el('p', {}, '再次来访、来信或来电时，请提供信访件编号；补充材料请注明编号。'),
        el('p', { style: 'text-align:right;margin-top:2em' }, r.office, el('br'), date(r.registeredAt))),
      el('div', { class: 'actions no-print' },
        el('button', { type: 'button', id: 'print' }, '打印回执'),
        r.mayReissueQueryCode ? reissue : null,
        el('a', { href: '/cases/' + encodeURIComponent(r.caseNumber) }, '打开卷宗'), status));
    main.querySelector('#print').addEventListener('click', () => window.print());
  }

  (async () => {
    try {
      await XF.header();
      const r = await XF.getJson('/api/cases/' + encodeURIComponent(caseNumber) + '/receipt');
      render(r, r.queryCode);
    } catch (e) {
      if (e.message === 'LOGIN') XF.loginHint(main);
      else main.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  })();
})();
