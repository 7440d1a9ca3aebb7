// 卷宗: the whole case on one page, from GET /api/cases/{n}.
(() => {
  const { el, time, size } = XF;
  const main = document.getElementById('case');
  const caseNumber = decodeURIComponent(location.pathname.split('/')[2] || '');

  function facts(pairs) {
    return el('dl', { class: 'facts' }, pairs.filter(p => p[1] !== undefined).flatMap(([k, v]) =>
      [el('dt', {}, k), el('dd', {}, v === null || v === '' ? '—' : v)]));
  }

  function petition(c) {
    const petitioner = c.petitionerName ? c.petitionerName : '匿名';
    return el('section', { id: 'petition' },
      el('h2', {}, '信访事项'),
      facts([
        ['信访事项', c.subject], ['类别', c.categoryLabel], ['渠道', c.channelLabel], ['来源', c.sourceLevelLabel],
        ['人数', String(c.headcount)], ['状态', c.statusLabel], ['登记时间', time(c.registeredAt)],
        ['首问接待人', c.caseOwnerName], ['承办单位', c.handlingUnitName], ['受理决定', c.acceptanceDecisionLabel],
        ['处理意见', c.outcomeLabel], ['重复来访', c.repeatVisits ? c.repeatVisits + ' 次' : '无']
      ]),
      el('h2', { style: 'margin-top:1em' }, '信访内容'),
      el('div', { class: 'content', id: 'content' }, c.content),
      el('h2', { style: 'margin-top:1em' }, '信访人',
        c.confidential ? el('span', { class: 'badge secret' }, ' 检举人身份保密 ') : null),
      facts([
        ['姓名', petitioner], ['联系电话', c.petitionerPhone], ['身份证号', c.petitionerIdNumber],
        ['地址', c.petitionerAddress], ['实名', c.realName ? '是' : '否']
      ]),
      c.mayRevealReporter ? reveal(c) : null);
  }

  // 查看检举人身份: the commission's leaders only, with a reason; the server journals it before answering
  function reveal(c) {
    const reason = el('input', { type: 'text', id: 'reveal-reason', maxlength: '500', size: '40',
      placeholder: '查看理由（必填，将记入办理经过）' });
    const button = el('button', { type: 'button', id: 'reveal-reporter' }, '查看检举人身份（留痕）');
    const out = el('div', { id: 'reveal-result', role: 'status' });
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const r = await XF.send('/api/cases/' + encodeURIComponent(c.caseNumber) + '/reporter-identity', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: reason.value }) });
        out.replaceChildren(el('p', { class: 'error' }, r.notice), facts([
          ['检举人姓名', r.petitionerName], ['联系电话', r.petitionerPhone], ['身份证号', r.petitionerIdNumber],
          ['地址', r.petitionerAddress]]));
        const t = await XF.getJson('/api/cases/' + encodeURIComponent(c.caseNumber));
        document.getElementById('timeline').replaceWith(timeline(t));
      } catch (e) {
        out.replaceChildren(el('p', { class: 'error' }, '未能查看：' + e.message));
      } finally {
        button.disabled = false;
      }
    });
    return el('div', { class: 'actions no-print', id: 'reveal' }, reason, button, out);
  }

  function attachments(c) {
    const list = c.attachments.length === 0 ? el('p', { class: 'muted' }, '尚无附件。')
      : el('table', { class: 'responsive' },
        el('thead', {}, el('tr', {}, el('th', {}, '文件'), el('th', {}, '大小'), el('th', {}, '上传人'), el('th', {}, '时间'))),
        el('tbody', {}, c.attachments.map(a => el('tr', {},
          el('td', { 'data-label': '文件' }, el('a', { href: a.href, download: a.fileName }, a.fileName)),
          el('td', { 'data-label': '大小' }, size(a.size)),
          el('td', { 'data-label': '上传人' }, a.uploadedBy),
          el('td', { 'data-label': '时间' }, time(a.uploadedAt))))));
    const section = el('section', { id: 'attachments' }, el('h2', {}, '附件'), list);
    if (c.mayUpload) {
      const input = el('input', { type: 'file', id: 'attachment-file', accept: '.pdf,.jpg,.jpeg,.png,.docx,.xlsx' });
      const status = el('span', { class: 'muted', id: 'upload-status' }, '可上传 PDF、JPG、PNG、Word（.docx）、Excel（.xlsx），每个不超过 20 MB');
      const button = el('button', { type: 'button', id: 'upload' }, '上传附件');
      button.addEventListener('click', async () => {
        if (!input.files.length) { status.textContent = '请先选择文件'; status.className = 'error'; return; }
        const body = new FormData();
        body.append('file', input.files[0]);
        button.disabled = true;
        status.className = 'muted';
        status.textContent = '正在上传……';
        try {
          await XF.send('/api/cases/' + encodeURIComponent(caseNumber) + '/attachments', { method: 'POST', body });
          await load();
        } catch (e) {
          status.className = 'error';
          status.textContent = '上传失败：' + e.message;
          button.disabled = false;
        }
      });
      section.append(el('div', { class: 'actions no-print' }, input, button, status));
    }
    return section;
  }

  function deadlines(c) {
    if (c.deadlines.length === 0) return el('section', { id: 'deadlines' }, el('h2', {}, '时限'), el('p', { class: 'muted' }, '无时限记录。'));
    return el('section', { id: 'deadlines' }, el('h2', {}, '时限'),
      el('table', { class: 'responsive' },
        el('thead', {}, el('tr', {}, el('th', {}, '事项'), el('th', {}, '期限'), el('th', {}, '状态'))),
        el('tbody', {}, c.deadlines.map(d => el('tr', {},
          el('td', { 'data-label': '事项' }, d.name, d.assignee ? '（' + d.assignee + '）' : ''),
          el('td', { 'data-label': '期限' }, time(d.due)),
          el('td', { 'data-label': '状态', class: 'state-' + d.state }, d.stateLabel))))));
  }

  function timeline(c) {
    return el('section', { id: 'timeline' }, el('h2', {}, '办理经过'),
      el('ol', { class: 'timeline' }, c.timeline.map(t => el('li', {},
        el('div', { class: 'when' }, time(t.at), ' · ', t.actorName),
        el('div', {}, el('strong', {}, t.what), t.detail ? '：' + t.detail : '')))));
  }

  // final closure (三级终结), repeat petition, evaluation (满意度) and the petitioner's profile
  function closure(c) {
    const ev = c.evaluation;
    return el('section', { id: 'closure' }, el('h2', {}, '终结、重复信访与评价'),
      c.repeatOf ? el('p', { id: 'repeat-of', class: c.repeatOf.final ? 'error' : '' }, c.repeatOf.label, ' ',
        el('a', { href: '/cases/' + encodeURIComponent(c.repeatOf.caseNumber) }, '查看原件')) : null,
      facts([
        ['终结', c.finalAt ? time(c.finalAt) + '（' + c.finalBasisLabel + '）' : '未终结'],
        ['评价', ev ? ev.resultLabel + '（' + ev.sourceLabel + '，' + time(ev.recordedAt) + '）' : '尚未评价'],
        ['评价意见', ev ? ev.comment : undefined]
      ]),
      ev && ev.unsatisfied ? el('p', { id: 'unsatisfied', class: 'error' }, '信访人不满意：已通报信访室。') : null,
      c.petitionerProfileHref ? el('p', {}, el('a', { id: 'petitioner-profile', href: c.petitionerProfileHref }, '信访人档案（全部信访件、老户、越级）')) : null);
  }

  function linked(c) {
    const docs = c.documents.length === 0 ? el('p', { class: 'muted' }, '尚未制发文书。')
      : el('ul', {}, c.documents.map(d => el('li', {}, el('a', { href: d.href, target: '_blank' }, d.kind + ' ' + d.number), ' ', el('a', { href: d.pdfHref, class: 'pdf' }, 'PDF'),
        ' ', d.title || '', d.unitName ? '（' + d.unitName + '）' : '', ' · ', time(d.issuedAt))));
    const cases = c.linkedCases.length === 0 ? el('p', { class: 'muted' }, '无关联件。')
      : el('ul', {}, c.linkedCases.map(l => el('li', {}, el('a', { href: '/cases/' + l.caseNumber }, l.caseNumber), ' ',
        l.subject, '（', l.relation, '，', l.statusLabel, '）')));
    return [el('section', { id: 'documents' }, el('h2', {}, '制发文书'), docs),
      el('section', { id: 'linked' }, el('h2', {}, '关联件与重复件'), cases)];
  }

  async function load() {
    try {
      await XF.header();
      const c = await XF.getJson('/api/cases/' + encodeURIComponent(caseNumber));
      document.title = '卷宗 ' + c.caseNumber + ' — 信访流程';
      main.replaceChildren(
        el('h1', {}, '卷宗 ', el('span', { id: 'case-number' }, c.caseNumber)),
        el('div', { class: 'actions no-print' },
          el('button', { type: 'button', id: 'print' }, '打印卷宗'),
          el('a', { href: '/cases/' + encodeURIComponent(c.caseNumber) + '/receipt' }, '登记回执')),
        petition(c), closure(c), attachments(c), deadlines(c), timeline(c), ...linked(c));
      main.querySelector('#print').addEventListener('click', () => window.print());
    } catch (e) {
      if (e.message === 'LOGIN') XF.loginHint(main);
      else main.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  }
  load();
})();
