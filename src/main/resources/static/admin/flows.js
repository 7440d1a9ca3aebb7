// The administrator page of /api/admin/flows. Every call carries HTTP Basic from the fields above
// (kept in this page only, never stored): a change is never made on the strength of a login cookie.
'use strict';

const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text); // text only: names come from uploaded files
  if (cls) e.className = cls;
  return e;
}

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
    const problems = (data && data.errors ? data.errors.map((e) => e.field + '：' + e.message) : []);
    const error = new Error((data && (data.detail || data.message)) || ('请求失败：' + response.status));
    error.problems = problems;
    throw error;
  }
  return data;
}

function fail(error) {
  say(error.message + (error.problems && error.problems.length ? '\n' + error.problems.join('\n') : ''), 'problem');
}

async function load() {
  try {
    const flows = await call('GET', '/api/admin/flows');
    const body = $('flows').querySelector('tbody');
    body.replaceChildren();
    for (const flow of flows) {
      const row = el('tr');
      row.append(el('td', (flow.name || '') + '（' + flow.key + '）'));
      const versions = el('td');
      for (const v of flow.versions) {
        versions.append(el('div', 'v' + v.version + (v.versionTag ? ' [' + v.versionTag + ']' : '') + '：' + v.running + ' 件'
          + (v.latest ? '（最新）' : ''), v.latest ? 'latest' : ''));
      }
      row.append(versions);
      const actions = el('td');
      const older = flow.versions.filter((v) => !v.latest && v.running > 0).length;
      if (older > 0) {
        const dry = el('button', '试迁移（不改动任何案件）');
        dry.addEventListener('click', () => migrate(flow.key, true));
        const move = el('button', '迁移到最新版本');
        move.addEventListener('click', () => {
          if (confirm('把「' + (flow.name || flow.key) + '」旧版本上运行中的案件全部迁移到 v' + flow.latestVersion + '？')) migrate(flow.key, false);
        });
        actions.append(dry, move);
      } else {
        actions.append(el('span', '所有案件都在最新版本'));
      }
      row.append(actions);
      body.append(row);
    }
    await loadChanges();
    say('已刷新', 'ok');
  } catch (e) { fail(e); }
}

async function migrate(key, dryRun) {
  const box = $('migration');
  box.replaceChildren();
  try {
    const result = await call('POST', '/api/admin/flows/' + encodeURIComponent(key) + '/migration', { dryRun });
    box.append(el('h3', (dryRun ? '试迁移' : '迁移') + '「' + key + '」到 v' + result.targetVersion + '：'
      + (result.moved ? '已迁移 ' + result.cases.length + ' 件' + (result.batchId ? '（后台批次 ' + result.batchId + '）' : '')
        : result.problems.length ? '有无法对应的环节，未迁移任何案件' : dryRun ? '可以迁移，未改动任何案件' : '没有需要迁移的案件')));
    if (result.problems.length) {
      const list = el('ul');
      result.problems.forEach((p) => list.append(el('li', p.field + '：' + p.message, 'problem')));
      box.append(list);
    }
    const table = el('table');
    const head = el('tr');
    ['案件', '原版本', '当前环节 → 新版本中的环节'].forEach((h) => head.append(el('th', h)));
    table.append(head);
    for (const c of result.cases) {
      const row = el('tr');
      row.append(el('td', c.caseNumber || c.processInstanceId), el('td', 'v' + c.fromVersion));
      const steps = el('td');
      c.steps.forEach((s) => steps.append(el('div', s.name + '（' + s.activityId + '）→ ' + (s.target || '无法对应'), s.target ? '' : 'problem')));
      row.append(steps);
      table.append(row);
    }
    box.append(table);
    if (!dryRun) await load();
  } catch (e) { fail(e); }
}

async function loadChanges() {
  const changes = await call('GET', '/api/admin/flows/changes');
  const body = $('changes').querySelector('tbody');
  body.replaceChildren();
  for (const c of changes) {
    const row = el('tr');
    row.append(el('td', new Date(c.changedAt).toLocaleString('zh-CN')), el('td', c.changedBy));
    row.append(el('td', (c.deploymentName || '') + (c.redeployOf ? '（回退，重新部署 ' + c.redeployOf + '）' : '')));
    const files = el('td');
    c.resources.forEach((r) => files.append(el('div', r)));
    row.append(files);
    const diff = el('td');
    const details = el('details');
    let count = 0;
    for (const d of (Array.isArray(c.differences) ? c.differences : [])) {
      if (!d.changes || !d.changes.length) continue;
      details.append(el('div', d.resource + (d.key ? '（' + d.key + '）' : ''), 'latest'));
      d.changes.forEach((line) => { details.append(el('pre', line)); count++; });
    }
    c.warnings.forEach((w) => details.append(el('pre', '提醒：' + w, 'warning')));
    details.prepend(el('summary', count + ' 处变化' + (c.warnings.length ? '，' + c.warnings.length + ' 条提醒' : '')));
    diff.append(details);
    row.append(diff);
    const actions = el('td');
    const redeploy = el('button', '回退：重新部署这些文件');
    redeploy.addEventListener('click', async () => {
      if (!confirm('把此次部署的文件重新部署为新版本？（同样经过部署检查；运行中的案件不受影响）')) return;
      try {
        await call('POST', '/api/admin/flows/changes/' + encodeURIComponent(c.deploymentId) + '/redeploy');
        await load();
        say('已重新部署', 'ok');
      } catch (e) { fail(e); }
    });
    actions.append(redeploy);
    row.append(actions);
    body.append(row);
  }
}

$('load').addEventListener('click', load);
$('password').addEventListener('keydown', (e) => { if (e.key === 'Enter') load(); });
