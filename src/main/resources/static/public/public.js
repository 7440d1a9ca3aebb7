// The petitioner's page: talks only to /public/api. The session is an HttpOnly cookie; every POST
// carries the CSRF token the case view hands out. Texts from the server are set as text, never HTML.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  let csrf = null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function say(id, text, ok) {
    const m = $(id);
    m.textContent = text || '';
    m.className = 'message' + (ok ? ' ok' : '');
  }

  async function call(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
    const response = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!response.ok) {
      const error = new Error((data && data.detail) || ('请求失败（' + response.status + '），请稍后再试。'));
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function render(c) {
    csrf = c.csrfToken;
    $('login').hidden = true;
    $('case').hidden = false;
    $('caseTitle').textContent = '信访件 ' + c.caseNumber;
    $('subject').textContent = '信访事项：' + c.subject;
    $('office').textContent = c.office;
    const current = c.stages.indexOf(c.stage);
    $('stages').replaceChildren(...c.stages.map((s, i) =>
      el('li', s, i === current ? 'current' : (i < current ? 'done' : ''))));
    $('stageDescription').textContent = '当前阶段：' + c.stage + (c.closedAs ? '（' + c.closedAs + '）' : '') + ' — ' + c.stageDescription;
    $('dates').replaceChildren(...Object.entries(c.dates).flatMap(([k, v]) => [el('dt', k), el('dd', v)]));
    $('documents').replaceChildren(...(c.documents.length === 0 ? [el('li', '暂无告知文书。')]
      : c.documents.map((d) => {
        const li = el('li');
        const a = el('a', d.kind + '（' + d.officialNumber + '）');
        a.href = d.href;
        a.setAttribute('download', '');
        li.append(a, ' ', d.issuedAt);
        return li;
      })));
    const ev = c.evaluation;
    $('evaluationForm').hidden = !ev.open;
    $('evaluationState').textContent = ev.done ? '您已评价：' + ev.resultLabel + '。感谢您的评价。'
      : (ev.open ? '请在 ' + ev.until + ' 前评价。' : (ev.reason || ''));
    $('review').hidden = !c.mayRequestReview;
  }

  async function load() {
    render(await call('GET', '/public/api/case'));
  }

  $('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    say('loginMessage', '');
    try {
      await call('POST', '/public/api/session', { caseNumber: $('caseNumber').value, queryCode: $('queryCode').value });
      $('queryCode').value = '';
      await load();
    } catch (e) { say('loginMessage', e.message); }
  });

  $('evaluationForm').addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = document.querySelector('input[name=result]:checked');
    try {
      await call('POST', '/public/api/evaluation', { result: chosen ? chosen.value : null, comment: $('comment').value });
      await load();
      say('evaluationMessage', '评价已提交。', true);
    } catch (e) { say('evaluationMessage', e.message); }
  });

  $('reviewForm').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await call('POST', '/public/api/review', { note: $('reviewNote').value });
      await load();
      say('reviewMessage', '复查申请已提交，复查机关将依法审查。', true);
    } catch (e) { say('reviewMessage', e.message); }
  });

  $('logout').addEventListener('click', async () => {
    try { await call('POST', '/public/api/logout'); } catch (e) { /* the cookie expires anyway */ }
    location.reload();
  });

  // a session still open in this browser (a reload) shows the case at once
  call('GET', '/public/api/case').then(render).catch(() => {});
})();
