// Helpers shared by the browser test files: the engine's REST API as admin, per-user browser
// sessions with diagnostics on failure, Camunda Tasklist navigation and form-js fields.
// Not a test file itself (node --test only runs *.test.mjs and the like).
//
//   const run = testRun({ prefix: 'referral', describe: () => ({ state, subject: SUBJECT }) });
//   const session = await run.openSession('office1');
//   await run.step(session, 'login', async page => { await login(page, 'office1', 'demo'); });
//   ...
//   after(run.closeAll);

import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, screenshot } from './helpers.mjs';

export const PASSWORD = 'demo';
export const REST_ADMIN = { user: process.env.REST_USER || 'admin', password: process.env.REST_PASSWORD || 'demo' };

// generous: the Tasklist is an Angular app and the first form load compiles form-js
export const UI_TIMEOUT = 30000;
export const STEP_TIMEOUT = 180000;

export const q = encodeURIComponent;

// ---------------------------------------------------------------------------------------------
// HTTP (Basic auth)

async function call(prefix, path, { user = REST_ADMIN.user, password = REST_ADMIN.password, method = 'GET', body } = {}) {
  const headers = {
    Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'),
    Accept: 'application/json'
  };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${BASE_URL}${prefix}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${prefix}${path} as ${user}: HTTP ${response.status} ${text.slice(0, 500)}`);
  }
  return text ? JSON.parse(text) : null;
}

/** The engine's REST API (/engine-rest), as admin unless `user`/`password` say otherwise. */
export function rest(path, options) {
  return call('/engine-rest', path, options);
}

/** The service's own API (/api), as admin unless `user`/`password` say otherwise. */
export function api(path, options) {
  return call('/api', path, options);
}

/** Polls `probe` until it returns a truthy value; throws with the last value/error otherwise. */
export async function eventually(what, probe, { timeout = 20000, interval = 500 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) {
        return last;
      }
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ` +
        (last instanceof Error ? last.message : JSON.stringify(last)));
    }
    await new Promise(resolve => setTimeout(resolve, interval));
  }
}

/** Where an instance went (activities, incidents, open tasks), for a failed REST check. */
export async function printInstanceDiagnostics(instanceId, caseNumber) {
  const lines = [ `--- diagnostics for instance ${instanceId} (${caseNumber}) ---` ];
  try {
    const activities = await rest(`/history/activity-instance?processInstanceId=${instanceId}` +
      '&sortBy=startTime&sortOrder=asc');
    lines.push('activities: ' + activities.map(a => `${a.activityId}${a.endTime ? '' : '(open)'}`).join(' -> '));
    const incidents = await rest(`/incident?processInstanceId=${instanceId}`);
    for (const incident of incidents) {
      lines.push(`incident at ${incident.activityId}: ${incident.incidentMessage}`);
    }
    const tasks = await rest(`/task?processInstanceId=${instanceId}`);
    lines.push('open tasks: ' + JSON.stringify(tasks.map(task =>
      ({ key: task.taskDefinitionKey, assignee: task.assignee, id: task.id }))));
  } catch (err) {
    lines.push(`(REST diagnostics failed: ${err.message})`);
  }
  console.log(lines.map(l => '# ' + l).join('\n'));
}

// ---------------------------------------------------------------------------------------------
// browser sessions, screenshots and steps

/**
 * One test file's browser sessions: screenshots named `<prefix>-<name>`, and on a failed step a
 * `-FAILED` screenshot plus what the page, the browser and `describe()` tell.
 */
export function testRun({ prefix, describe = () => ({}) }) {
  const sessions = {};

  async function openSession(user) {
    const session = await launchBrowser({ timeout: UI_TIMEOUT });
    session.user = user;
    session.failedResponses = [];
    session.page.on('response', async response => {
      if (response.status() >= 400) {
        const line = `${response.status()} ${response.request().method()} ${response.url()}`;
        // the engine's error message explains a refused start or completion
        const body = response.request().method() === 'GET' ? '' : await response.text().catch(() => '');
        session.failedResponses.push(body ? `${line} ${body.slice(0, 800)}` : line);
      }
    });
    sessions[user] = session;
    return session;
  }

  /** Screenshot plus a log line, never failing the test itself. */
  async function shot(page, name) {
    try {
      const file = await screenshot(page, `${prefix}-${name}`);
      console.log(`# screenshot ${file}`);
    } catch (err) {
      console.log(`# screenshot ${prefix}-${name} failed: ${err.message}`);
    }
  }

  /** Runs a step; on failure writes a screenshot and prints what the page and the browser showed. */
  async function step(session, name, body) {
    try {
      await body(session.page);
    } catch (err) {
      const page = session.page;
      await shot(page, `${name}-FAILED`);
      const lines = [ `--- diagnostics for step "${name}" (user ${session.user}) ---`, `url: ${page.url()}` ];
      try {
        const notes = await page.locator('.notifications .alert').allInnerTexts();
        if (notes.length) {
          lines.push('notifications: ' + notes.map(n => n.replace(/\s+/g, ' ').trim()).join(' | '));
        }
        const fieldErrors = await page.locator('.fjs-form-field-error').allInnerTexts();
        if (fieldErrors.length) {
          lines.push('form errors: ' + fieldErrors.map(n => n.replace(/\s+/g, ' ').trim()).join(' | '));
        }
      } catch (e) {
        lines.push(`(could not read the page: ${e.message})`);
      }
      if (session.consoleErrors.length) {
        lines.push('browser console errors:', ...session.consoleErrors.slice(-20).map(e => '  ' + e));
      }
      if (session.failedResponses.length) {
        lines.push('failed HTTP responses:', ...session.failedResponses.slice(-20).map(e => '  ' + e));
      }
      for (const [ key, value ] of Object.entries(describe())) {
        lines.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
      }
      console.log(lines.map(l => '# ' + l).join('\n'));
      throw err;
    }
  }

  async function closeAll() {
    for (const session of Object.values(sessions)) {
      await session.close().catch(() => {});
    }
  }

  return { openSession, shot, step, closeAll, sessions };
}

// ---------------------------------------------------------------------------------------------
// Tasklist

/** Clicks a filter on the left (e.g. 本组待办) and waits until it is the active one. */
export async function openFilter(page, name) {
  const filters = page.locator('[cam-tasklist-filters] .task-filter');
  await filters.filter({ hasText: name }).first().click();
  await page.locator('[cam-tasklist-filters] .task-filter.active').filter({ hasText: name }).waitFor();
}

/**
 * Narrows the task list with the Tasklist search to one business key (the case number) and waits
 * until the list shows exactly `count` task(s).
 */
export async function searchByBusinessKey(page, caseNumber, { count = 1 } = {}) {
  // Tasklist search: pick the criterion by typing its name, then enter the value
  const search = page.locator('[cam-widget-search]');
  const input = search.getByPlaceholder(/Filter Tasks|筛选任务/);
  await input.click();
  await input.pressSequentially((await page.evaluate(() => document.documentElement.lang.startsWith('zh'))) ? '流程实例业务键' : 'Process Instance Business Key');
  await search.locator('ul.dropdown-menu li').filter({ hasText: /^\s*(Process Instance Business Key|流程实例业务键)\s*$/ }).first().click();
  const value = search.locator('[cam-widget-search-pill]').last().locator('.value-field input');
  await value.fill(caseNumber);
  await value.press('Enter');
  await search.locator('[cam-widget-search-pill] .value-field').filter({ hasText: caseNumber }).waitFor();
  await page.waitForFunction(n => document.querySelectorAll('[cam-tasks] li.task').length === n, count,
    { timeout: UI_TIMEOUT });
}

/** The card of one task in the task list (cards link to their task). */
export function taskCard(page, taskId) {
  return page.locator('[cam-tasks] li.task').filter({ has: page.locator(`a[href*="task=${taskId}"]`) });
}

/**
 * The filter's variable columns on a task card, label (without the colon) to shown value, e.g.
 * { 信访件编号: 'XF-2026-000001', 信访事项: '…', 办理时限: '…' }; a column whose variable the
 * user may not read is simply missing.
 */
export async function cardVariables(card) {
  const shown = {};
  for (const item of await card.locator('.variable-item').all()) {
    const label = (await item.locator('.variable-label').innerText()).replace(/[:：]\s*$/, '').trim();
    const value = item.locator('.variable-value');
    shown[label] = await value.count() ? (await value.innerText()).trim() : null;
  }
  return shown;
}

/**
 * Opens "Start process", finds the process by its name (searching for `search`) and waits for
 * its start form; returns the dialog. `onList(page)` runs while the process list shows.
 */
export async function openStartForm(page, processName, { search = processName, waitForField, onList } = {}) {
  const modal = page.locator('.modal-dialog');
  await page.locator('.start-process-action a').or(page.getByRole('link', { name: /^(Start process|发起流程)$/ })).first().click();
  await modal.locator('ul.processes').waitFor();
  // the list is paged: search narrows it to our process
  await modal.getByPlaceholder(/Search by process name\.|按流程名称搜索/).fill(search);
  const entry = modal.locator('ul.processes a').filter({ hasText: labelPattern(processName) });
  await entry.first().waitFor();
  if (onList) {
    await onList(page);
  }
  await entry.first().click();
  await modal.locator('.modal-title').filter({ hasText: processName }).waitFor();
  await modal.locator('form.fjs-form').waitFor();
  if (waitForField) {
    await formField(modal, waitForField).waitFor();
  }
  // let the Tasklist finish setting the form up (see fillText)
  await page.waitForTimeout(1000);
  return modal;
}

/**
 * Clicks Start in the start dialog and waits for it to close; throws with the Tasklist's message
 * when the start is refused (the message stays in the dialog).
 */
export async function submitStartForm(page, modal) {
  // an earlier refused attempt left its notification in the dialog: wait for a new one only
  const alerts = modal.locator('.notifications .alert-danger');
  const alertsBefore = await alerts.count();
  await modal.getByRole('button', { name: /^(Start|发起)$/ }).click();
  const started = modal.waitFor({ state: 'detached' }).then(() => 'ok');
  const failed = alerts.nth(alertsBefore).waitFor({ state: 'visible' }).then(() => 'failed');
  const outcome = await Promise.race([ started, failed ]);
  if (outcome === 'failed') {
    const text = await alerts.nth(alertsBefore).innerText();
    throw new Error(`starting the process failed: ${text.replace(/\s+/g, ' ')}`);
  }
  await page.locator('.notifications .alert-success, .notifications .alert-info').first()
    .waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
}

/**
 * In the opened task: clicks Claim, waits for the engine to record `user` as assignee and for the
 * form to show `waitForField`.
 */
export async function claimOpenTask(page, taskId, user, { waitForField } = {}) {
  const task = page.locator('[cam-tasklist-task]');
  await task.getByRole('button', { name: /^(Claim|认领)$/ }).first().click();
  await eventually(`${user} to be the assignee of task ${taskId}`, async () =>
    (await rest(`/task/${taskId}`)).assignee === user);
  await task.locator('form.fjs-form').waitFor();
  if (waitForField) {
    await formField(task, waitForField).waitFor();
  }
  await page.waitForTimeout(1000); // see fillText
  return task;
}

/**
 * Clicks Complete in the opened task and waits until the engine no longer has the task; throws
 * with the Tasklist's message when the completion is refused.
 */
export async function completeOpenTask(page, taskId) {
  const task = page.locator('[cam-tasklist-task]');
  const alerts = page.locator('.notifications .alert-danger');
  const alertsBefore = await alerts.count();
  await task.getByRole('button', { name: /^(Complete|完成)$/ }).click();
  const done = eventually(`task ${taskId} to be completed`, async () =>
    (await rest(`/task?taskId=${taskId}`)).length === 0).then(() => 'ok');
  const failed = alerts.nth(alertsBefore).waitFor({ state: 'visible', timeout: 25000 }).then(() => 'failed',
    () => new Promise(() => {}));
  if (await Promise.race([ done, failed ]) === 'failed') {
    const text = await alerts.nth(alertsBefore).innerText();
    throw new Error(`completing task ${taskId} failed: ${text.replace(/\s+/g, ' ')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// form-js

/**
 * A form-js field (the .fjs-form-field wrapper) by its exact label text, inside `scope`: the label's
 * parent (a group's own label would otherwise also "contain" the labels of its children).
 */
export function formField(scope, label) {
  return scope.locator('label.fjs-form-field-label').filter({ hasText: labelPattern(label) }).locator('xpath=..');
}

/** The label text, optionally followed by the required asterisk. */
export function labelPattern(label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\s*${escaped}\\s*\\*?\\s*$`);
}

/**
 * Types into a form-js textfield/textarea. form-js hands typed text to the form only after a
 * debounce (or on blur), and the Tasklist re-renders a fresh form once shortly after showing it:
 * text typed in that window is wiped. So: blur to hand the value over at once, check that it
 * stays, and type again if it was lost.
 */
export async function fillText(scope, label, value) {
  const input = formField(scope, label).locator('input.fjs-input, textarea').first();
  for (let attempt = 1; ; attempt++) {
    await input.fill(value);
    await input.blur();
    await new Promise(resolve => setTimeout(resolve, 300));
    const actual = await input.inputValue();
    if (actual === value) {
      return;
    }
    assert.ok(attempt < 3, `${label} does not keep the typed value (now "${actual}")`);
    console.log(`# note: ${label} lost its value right after typing (now "${actual}"); typing again`);
  }
}

/** The fields that do not show what `values` says (texts by input value, selects by display). */
export async function fieldsNotShowing(scope, { texts = {}, selects = {} }) {
  const wrong = [];
  for (const [ label, value ] of Object.entries(texts)) {
    const actual = await formField(scope, label).locator('input.fjs-input, textarea').first().inputValue();
    if (actual !== value) {
      wrong.push({ label, kind: 'text', value, actual });
    }
  }
  for (const [ label, value ] of Object.entries(selects)) {
    const actual = await selectedOption(scope, label);
    if (actual !== value) {
      wrong.push({ label, kind: 'select', value, actual });
    }
  }
  return wrong;
}

/**
 * Fills form-js fields (selects by option text, texts by typing) and makes sure they all still
 * show the values afterwards, filling lost ones again (see fillText).
 */
export async function fillForm(page, scope, values) {
  let todo = [
    ...Object.entries(values.selects || {}).map(([ label, value ]) => ({ label, kind: 'select', value })),
    ...Object.entries(values.texts || {}).map(([ label, value ]) => ({ label, kind: 'text', value }))
  ];
  for (let round = 1; todo.length; round++) {
    for (const { label, kind, value } of todo) {
      if (kind === 'select') {
        await chooseOption(page, scope, label, value);
      } else {
        await fillText(scope, label, value);
      }
    }
    todo = await fieldsNotShowing(scope, values);
    if (todo.length) {
      const lost = todo.map(f => `${f.label}: "${f.actual}" instead of "${f.value}"`).join('; ');
      assert.ok(round < 3, `the form does not keep the entered values: ${lost}`);
      console.log(`# note: fields lost their values (${lost}); filling them again`);
    }
  }
}

/** form-js selects are custom dropdowns: open, then click the option's text. */
export async function chooseOption(page, scope, label, optionText) {
  const field = formField(scope, label);
  await field.waitFor({ state: 'visible' });
  await field.locator('.fjs-select-display, .fjs-input-group').first().click();
  const option = page.locator('.fjs-dropdownlist .fjs-dropdownlist-item').filter({ hasText: labelPattern(optionText) });
  await option.first().click();
  await field.locator('.fjs-select-display').filter({ hasText: optionText }).waitFor({ timeout: 5000 });
}

export async function selectedOption(scope, label) {
  return (await formField(scope, label).locator('.fjs-select-display').innerText()).trim();
}

/** A radio button of a form-js radio group, by the group's label and the option's label. */
export function radioOption(scope, groupLabel, optionLabel) {
  return formField(scope, groupLabel).getByLabel(optionLabel, { exact: true });
}
