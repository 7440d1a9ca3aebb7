// The administrator page of /api/admin/document-templates. Every call carries HTTP Basic from the
// fields above (kept in this page only), as on /admin/flows.
'use strict';

const $ = (id) => document.getElementById(id);
let templates = [];

function say(text, cls) {
  const m = $('message');
  m.textContent = text;
  m.className = cls || '';
}

async function call(method, path, body) {
  const headers = { 'Authorization': 'Basic ' + btoa(unescape(encodeURIComponent($('user').value + ':' + $('password').value))) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { detail: text }; }
  if (!response.ok) {
    const problems = (data && data.errors ? data.errors.map((e) => e.message) : []);
    throw new Error([(data && (data.detail || data.message)) || ('请求失败：' + response.status)].concat(problems).join('\n'));
  }
  return data;
}

function show(kind) {
  const t = templates.find((x) => x.kind === kind);
  if (!t) return;
  $('editor').hidden = false;
  $('title').value = t.title;
  $('addressee').value = t.addressee;
  $('body').value = t.body;
  $('state').textContent = t.changed ? '已修改（' + (t.updatedBy || '') + '，' + new Date(t.updatedAt).toLocaleString('zh-CN') + '）' : '使用默认模板';
  const list = $('placeholders');
  list.replaceChildren(...t.placeholders.map((p) => {
    const li = document.createElement('li');
    li.textContent = '{{' + p.name + '}}：' + p.description + (p.required ? '（必需）' : '') + (p.internal ? '（内部信息）' : '');
    return li;
  }));
}

async function load() {
  try {
    templates = await call('GET', '/api/admin/document-templates');
    const current = $('kind').value;
    $('kind').replaceChildren(...templates.map((t) => {
      const o = document.createElement('option');
      o.value = t.kind;
      o.textContent = t.label + (t.changed ? '（已修改）' : '');
      return o;
    }));
    if (current) $('kind').value = current;
    show($('kind').value);
    say('已载入 ' + templates.length + ' 种文书模板。', 'ok');
  } catch (e) { say(e.message, 'problem'); }
}

async function save() {
  try {
    await call('PUT', '/api/admin/document-templates/' + $('kind').value,
      { title: $('title').value, addressee: $('addressee').value, body: $('body').value });
    await load();
    say('模板已保存，此后出具的文书使用新模板。', 'ok');
  } catch (e) { say(e.message, 'problem'); }
}

async function reset() {
  try {
    await call('DELETE', '/api/admin/document-templates/' + $('kind').value);
    await load();
    say('已恢复默认模板。', 'ok');
  } catch (e) { say(e.message, 'problem'); }
}

$('load').addEventListener('click', load);
$('kind').addEventListener('change', () => show($('kind').value));
$('save').addEventListener('click', save);
$('reset').addEventListener('click', reset);
