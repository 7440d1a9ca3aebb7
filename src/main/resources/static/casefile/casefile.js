// Shared helpers of the case file pages. Data only from /api; the Tasklist login is enough.
const XF = (() => {
  const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  const DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v; else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function time(v) { return v ? TIME.format(new Date(v)) : '—'; }
  function date(v) { return v ? DATE.format(new Date(v)) : '—'; }
  function size(bytes) {
    if (bytes < 1024) return bytes + ' 字节';
    if (bytes < 1048576) return (bytes / 1024).toFixed(1) + ' KB';
    return (bytes / 1048576).toFixed(1) + ' MB';
  }

  /** The message of a refusal, in the words the server gave (Chinese problem details). */
  async function problem(response) {
    try {
      const p = await response.json();
      const details = (p.errors || []).map(e => e.message).join('；');
      return details || p.detail || p.title || ('请求失败（' + response.status + '）');
    } catch (e) {
      return '请求失败（' + response.status + '）';
    }
  }

  async function getJson(url) {
    const r = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (r.status === 401) throw new Error('LOGIN');
    if (!r.ok) throw new Error(await problem(r));
    return r.json();
  }

  let me = null;
  async function whoAmI() {
    if (!me) me = await getJson('/api/me');
    return me;
  }

  /** A change (upload, new query code) with the Tasklist login: the session's anti-forgery token goes along. */
  async function send(url, options) {
    const who = await whoAmI();
    const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
    if (who.csrfToken) headers['X-XSRF-TOKEN'] = who.csrfToken;
    const r = await fetch(url, Object.assign({}, options, { credentials: 'same-origin', headers }));
    if (!r.ok) throw new Error(await problem(r));
    return r.json();
  }

  function loginHint(target) {
    target.replaceChildren(el('p', { class: 'error' }, '请先登录：',
      el('a', { href: '/camunda/app/tasklist/' }, '打开任务列表（Tasklist）登录'), '，登录后刷新本页。'));
  }

  async function header() {
    const bar = document.querySelector('header.bar .who');
    try {
      const who = await whoAmI();
      if (bar) bar.textContent = '当前用户：' + who.name + '（' + who.userId + '）';
      return who;
    } catch (e) {
      return null;
    }
  }

  return { el, time, date, size, getJson, send, whoAmI, loginHint, header, problem };
})();
