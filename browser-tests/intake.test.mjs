// Browser test of the petition intake in the real Camunda 7 Tasklist:
//
//   1. reception1 starts "首问负责：信访件登记受理与办理" (petition-intake) with the Camunda
//      start form (forms/form-register-petition.form);
//   2. the same start form refuses to submit while 信访事项（摘要） is empty (no instance starts);
//   3. office1 claims "受理审查与分办" from the filter 本组待办, assigns the case to
//      县人力资源和社会保障局 (forms/form-accept-petition.form) and completes the task;
//   4. the REST API shows the instance waiting at task_handle_petition for candidate group
//      unit-hr, a task reception1 cannot see;
//   5. three former product bugs stay fixed: office1's task card shows the filter's columns
//      (task-local caseNumber, subject, currentDueLabel), an empty 原信访件编号 is no repeat/major
//      case, and the accept form shows 分办建议 (suggestedUnitName) with 承办单位 （待分办）.
//
// Run: BASE_URL=http://localhost:8080 node --test browser-tests/
// Each run uses its own subject and phone number, so runs never link to an earlier open case.
// Screenshots: target/browser-screenshots/intake-*.png (on failure also intake-*-FAILED.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, login, logout } from './helpers.mjs';
import {
  PASSWORD, STEP_TIMEOUT, UI_TIMEOUT, cardVariables, eventually, fieldsNotShowing, fillForm, fillText, formField,
  labelPattern, printInstanceDiagnostics, q, rest, selectedOption, testRun
} from './tasklist.mjs';

const PROCESS_KEY = 'petition-intake';
const PROCESS_NAME = '首问负责：信访件登记受理与办理';
const ACCEPT_TASK_NAME = '受理审查与分办';
const ACCEPT_TASK_KEY = 'task_accept_petition';
const HANDLE_TASK_KEY = 'task_handle_petition';
const HANDLING_UNIT = 'unit-hr';
const HANDLING_UNIT_NAME = '县人力资源和社会保障局';

const RUN = Date.now();
const RUN_ID = `${RUN}-${Math.floor(Math.random() * 1000).toString().padStart(3, '0')}`;
const SUBJECT = `浏览器测试：拖欠工资 ${RUN_ID}`;
const CONTENT = `浏览器自动测试（${RUN_ID}）：某公司拖欠三个月工资，请求协调支付。`;
const PHONE = `139${String(RUN).slice(-8)}`; // 11 digits, matches ^1[3-9][0-9]{9}$
const PETITIONER = '测试人';
const NOTE = `您反映的问题已受理，交县人力资源和社会保障局办理（${RUN_ID}）。`;

/** What the steps found out, shared between the sequential tests. */
const state = {
  instanceId: null,
  caseNumber: null,
  acceptTaskId: null,
  cardText: null,
  cardVariables: null,
  cardLocals: null,
  suggestionText: null,
  unitLineText: null,
  accepted: false
};

const run = testRun({ prefix: 'intake', describe: () => ({ state, subject: SUBJECT }) });
const { openSession, shot, step } = run;

/**
 * Running petition-intake instances with a case variable `name` equal to `value`. The runtime query: engine history
 * keeps no copy of what a registration wrote to the ledger (README "what history keeps"), so the history's variable
 * query does not find a case by its subject, content or phone; an ended instance is seen by countIntakeInstances.
 */
async function instancesWithVariable(name, value) {
  const instances = await rest('/process-instance', {
    method: 'POST',
    body: { processDefinitionKey: PROCESS_KEY, variables: [ { name, operator: 'eq', value } ] }
  });
  return [ ...new Set(instances.map(i => i.id)) ];
}

async function countIntakeInstances() {
  return (await rest(`/history/process-instance/count?processDefinitionKey=${q(PROCESS_KEY)}`)).count;
}

// ---------------------------------------------------------------------------------------------

before(async () => {
  // fail fast with a clear message when the service is not running
  const definitions = await rest(`/process-definition?key=${q(PROCESS_KEY)}&latestVersion=true`).catch(err => {
    throw new Error(`service at ${BASE_URL} not reachable or REST login failed: ${err.message}`);
  });
  assert.equal(definitions.length, 1, `process ${PROCESS_KEY} is deployed`);
  console.log(`# run ${RUN_ID}: subject "${SUBJECT}", phone ${PHONE}, ${BASE_URL}`);
});

after(run.closeAll);

test('1+2. reception1 cannot start without 信访事项, then registers the petition from the Tasklist start form',
  { timeout: STEP_TIMEOUT }, async () => {
    const session = await openSession('reception1');
    const { page } = session;
    const modal = page.locator('.modal-dialog');

    await step(session, 'login', async () => {
      await login(page, 'reception1', PASSWORD);
      // the filters on the left and the (empty or not) task list
      await page.locator('[cam-tasklist-filters] .task-filter').filter({ hasText: '本组待办' }).waitFor();
      await shot(page, '01-reception1-tasklist');
    });

    await step(session, 'open-start-form', async () => {
      await page.locator('.start-process-action a').or(page.getByRole('link', { name: /^(Start process|发起流程)$/ })).first().click();
      await modal.locator('ul.processes').waitFor();
      // the list is paged: search narrows it to our process
      await modal.getByPlaceholder(/Search by process name\.|按流程名称搜索/).fill('首问负责');
      const entry = modal.locator('ul.processes a').filter({ hasText: labelPattern(PROCESS_NAME) });
      await entry.first().waitFor();
      await shot(page, '02-start-process-dialog');
      await entry.first().click();
      await modal.locator('.modal-title').filter({ hasText: PROCESS_NAME }).waitFor();
      await modal.locator('form.fjs-form').waitFor();
      await formField(modal, '信访事项（摘要）').waitFor();
      // let the Tasklist finish setting the form up (see fillText)
      await page.waitForTimeout(1000);
    });

    await step(session, 'fill-start-form-without-subject', async () => {
      // defaults from the form file
      assert.equal(await selectedOption(modal, '信访渠道'), '来访', '信访渠道 defaults to 来访');
      assert.equal(await selectedOption(modal, '来源层级'), '本级受理', '来源层级 defaults to SELF (本级受理)');
      assert.equal(await formField(modal, '实名信访').locator('input[type="checkbox"]').isChecked(), true,
        '实名信访 is ticked by default');
      assert.equal(await formField(modal, '信访人数').locator('input').inputValue(), '1', '信访人数 defaults to 1');

      await fillForm(page, modal, {
        selects: { '信访渠道': '来访', '信访类别': '劳动社保' },
        texts: { '信访人姓名': PETITIONER, '联系电话': PHONE, '信访内容': CONTENT }
      });
      // 信访事项（摘要） stays empty
      assert.equal(await formField(modal, '信访事项（摘要）').locator('input').inputValue(), '');
    });

    await step(session, 'submit-without-subject', async () => {
      const before = await countIntakeInstances();
      await modal.getByRole('button', { name: /^(Start|发起)$/ }).click();
      // form-js marks the field and shows its message; the dialog stays open
      const subjectField = formField(modal, '信访事项（摘要）');
      await subjectField.locator('.fjs-form-field-error').waitFor({ state: 'visible' });
      const message = (await subjectField.locator('.fjs-form-field-error').innerText()).trim();
      assert.ok(message.length > 0, 'a validation message is shown under 信访事项（摘要）');
      assert.equal(await subjectField.locator('input').getAttribute('aria-invalid'), 'true');
      console.log(`# validation message under 信访事项（摘要）: "${message}"`);
      if (await page.evaluate(() => document.documentElement.lang.startsWith('zh'))) {
        // form-js's own English message is replaced by a Chinese one (xinfang-ui.js)
        await page.waitForFunction(() => /必填/.test(document.querySelector('.fjs-form-field-error')?.textContent || ''),
          null, { timeout: 5000 });
      }
      const notes = await modal.locator('.notifications .alert').allInnerTexts();
      console.log(`# start dialog notifications: ${notes.map(n => n.replace(/\s+/g, ' ').trim()).join(' | ') || '(none)'}`);
      await shot(page, '03-start-form-subject-required');
      // give a (wrong) start request time to arrive before checking nothing started
      await page.waitForTimeout(2000);
      assert.ok(await modal.isVisible(), 'the start dialog is still open');
      assert.deepEqual(await instancesWithVariable('content', CONTENT), [],
        'no process instance was started with the content of the refused form');
      assert.equal(await countIntakeInstances(), before, 'no petition-intake instance was started');
    });

    await step(session, 'submit-registration', async () => {
      await fillText(modal, '信访事项（摘要）', SUBJECT);
      await formField(modal, '信访事项（摘要）').locator('.fjs-form-field-error')
        .waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
      const wrong = await fieldsNotShowing(modal, {
        texts: { '信访人姓名': PETITIONER, '联系电话': PHONE, '信访内容': CONTENT, '信访事项（摘要）': SUBJECT },
        selects: { '信访渠道': '来访', '信访类别': '劳动社保', '来源层级': '本级受理' }
      });
      assert.deepEqual(wrong, [], 'the form still shows the entered values');
      await shot(page, '04-start-form-filled');
      // the refused attempt left its notification in the dialog: wait for a new one only
      const alerts = modal.locator('.notifications .alert-danger');
      const alertsBefore = await alerts.count();
      await modal.getByRole('button', { name: /^(Start|发起)$/ }).click();
      // the dialog closes and the Tasklist confirms the start; an error stays in the dialog
      const started = modal.waitFor({ state: 'detached' }).then(() => 'ok');
      const failed = alerts.nth(alertsBefore).waitFor({ state: 'visible' }).then(() => 'failed');
      const outcome = await Promise.race([ started, failed ]);
      if (outcome === 'failed') {
        const text = await alerts.nth(alertsBefore).innerText();
        throw new Error(`starting the process failed: ${text.replace(/\s+/g, ' ')}`);
      }
      await page.locator('.notifications .alert-success, .notifications .alert-info').first()
        .waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
      await shot(page, '05-process-started');
    });

    await step(session, 'find-instance', async () => {
      const ids = await eventually('the new instance (variable subject)', async () => {
        const found = await instancesWithVariable('subject', SUBJECT);
        return found.length ? found : null;
      });
      assert.equal(ids.length, 1, `exactly one instance with subject "${SUBJECT}"`);
      state.instanceId = ids[0];
      const instance = await rest(`/process-instance/${state.instanceId}`);
      assert.match(instance.businessKey || '', /^XF-\d{4}-\d{6}$/, 'the business key is the case number');
      state.caseNumber = instance.businessKey;
      const caseNumber = await rest(`/process-instance/${state.instanceId}/variables/caseNumber`);
      assert.equal(caseNumber.value, state.caseNumber, 'variable caseNumber equals the business key');
      const owner = await rest(`/process-instance/${state.instanceId}/variables/caseOwner`);
      assert.equal(owner.value, 'reception1', 'reception1 is the first receiver (caseOwner)');
      const tasks = await eventually(`task ${ACCEPT_TASK_KEY}`, async () => {
        const list = await rest(`/task?processInstanceId=${state.instanceId}`);
        return list.length ? list : null;
      });
      assert.deepEqual(tasks.map(t => t.taskDefinitionKey), [ ACCEPT_TASK_KEY ],
        `the instance waits at ${ACCEPT_TASK_KEY}`);
      state.acceptTaskId = tasks[0].id;
      console.log(`# started ${state.caseNumber} (instance ${state.instanceId}), task ${state.acceptTaskId}`);
    });

    await step(session, 'logout', async () => {
      await logout(page);
    });
    await session.close();
  });

test('3. office1 claims 受理审查与分办 from 本组待办 and assigns the case to 县人力资源和社会保障局',
  { timeout: STEP_TIMEOUT }, async t => {
    if (!state.acceptTaskId) {
      t.skip('no registered petition (step 1 failed)');
      return;
    }
    const session = await openSession('office1');
    const { page } = session;
    // cards link to their task: robust even when the card shows no case columns
    const taskCard = page.locator('[cam-tasks] li.task')
      .filter({ has: page.locator(`a[href*="task=${state.acceptTaskId}"]`) });

    await step(session, 'office-login', async () => {
      await login(page, 'office1', PASSWORD);
      await page.locator('[cam-tasklist-filters] .task-filter').filter({ hasText: '本组待办' }).first().click();
      await page.locator('[cam-tasklist-filters] .task-filter.active').filter({ hasText: '本组待办' }).waitFor();
      await page.locator('[cam-tasks] li.task').first().waitFor();
      await shot(page, '06-office1-group-tasks');
    });

    await step(session, 'search-by-case-number', async () => {
      // Tasklist search: pick the criterion by typing its name, then enter the value
      const search = page.locator('[cam-widget-search]');
      const input = search.getByPlaceholder(/Filter Tasks|筛选任务/);
      await input.click();
      await input.pressSequentially((await page.evaluate(() => document.documentElement.lang.startsWith('zh'))) ? '流程实例业务键' : 'Process Instance Business Key');
      await search.locator('ul.dropdown-menu li').filter({ hasText: /^\s*(Process Instance Business Key|流程实例业务键)\s*$/ }).first().click();
      const value = search.locator('[cam-widget-search-pill]').last().locator('.value-field input');
      await value.fill(state.caseNumber);
      await value.press('Enter');
      await search.locator('[cam-widget-search-pill] .value-field').filter({ hasText: state.caseNumber }).waitFor();
      await taskCard.waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[cam-tasks] li.task').length === 1, null,
        { timeout: UI_TIMEOUT });
      assert.match(await taskCard.innerText(), new RegExp(ACCEPT_TASK_NAME), 'the card shows the task name');
      state.cardText = (await taskCard.innerText()).replace(/\s+/g, ' ').trim();
      state.cardVariables = await cardVariables(taskCard);
      // the task's own copies the card shows, read while the task is open (history keeps no copies of them)
      state.cardLocals = await rest(`/task/${state.acceptTaskId}/localVariables`);
      await shot(page, '07-office1-search-by-case-number');
    });

    await step(session, 'open-and-claim', async () => {
      await taskCard.locator('.clickable').first().click();
      const task = page.locator('[cam-tasklist-task]');
      await task.locator('.names').filter({ hasText: ACCEPT_TASK_NAME }).first().waitFor();
      await task.getByRole('button', { name: /^(Claim|认领)$/ }).first().click();
      await eventually('office1 to be the assignee', async () =>
        (await rest(`/task/${state.acceptTaskId}`)).assignee === 'office1');
      await task.locator('form.fjs-form').waitFor();
      await formField(task, '受理意见').waitFor();
      await page.waitForTimeout(1000); // see fillText
      // the form reads the case from the task's variables
      const summary = task.locator('.fjs-form-field-html').first();
      await summary.filter({ hasText: state.caseNumber }).waitFor();
      assert.ok((await summary.innerText()).includes(SUBJECT), 'the form summary shows the subject');
      const suggestion = task.locator('.fjs-form-field-html').filter({ hasText: '分办建议' });
      state.suggestionText = (await suggestion.innerText()).replace(/\s+/g, ' ').trim();
      state.unitLineText = (await summary.locator('li').filter({ hasText: '承办单位' }).innerText())
        .replace(/\s+/g, ' ').trim();
      await shot(page, '08-accept-task-claimed');
    });

    await step(session, 'fill-accept-form', async () => {
      const task = page.locator('[cam-tasklist-task]');
      const decision = formField(task, '受理意见');
      await decision.getByLabel('交办承办单位', { exact: true }).check();
      await fillForm(page, task, { selects: { '承办单位': HANDLING_UNIT_NAME }, texts: { '告知信访人内容': NOTE } });
      assert.ok(await decision.getByLabel('交办承办单位', { exact: true }).isChecked(), '交办承办单位 stays chosen');
      await shot(page, '09-accept-form-filled');
    });

    await step(session, 'complete-accept-task', async () => {
      const task = page.locator('[cam-tasklist-task]');
      await task.getByRole('button', { name: /^(Complete|完成)$/ }).click();
      await eventually('the accept task to be completed', async () =>
        (await rest(`/task?processInstanceId=${state.instanceId}&taskDefinitionKey=${ACCEPT_TASK_KEY}`)).length === 0);
      // the completed task leaves the list
      await taskCard.waitFor({ state: 'detached' });
      state.accepted = true;
      await shot(page, '10-accept-task-completed');
    });

    await step(session, 'office-logout', async () => {
      await logout(page);
    });
    await session.close();
  });

test('4. the case waits at 调查处理 for unit-hr, invisible to reception1', { timeout: 60000 }, async t => {
  if (!state.accepted) {
    t.skip('the petition was not accepted (step 1 or 3 failed)');
    return;
  }
  try {
    await checkWaitsForHandlingUnit();
  } catch (err) {
    await printInstanceDiagnostics(state.instanceId, state.caseNumber);
    throw err;
  }
});

async function checkWaitsForHandlingUnit() {
  const tasks = await eventually(`task ${HANDLE_TASK_KEY}`, async () => {
    const list = await rest(`/task?processInstanceId=${state.instanceId}`);
    return list.some(task => task.taskDefinitionKey === HANDLE_TASK_KEY) ? list : null;
  });
  assert.deepEqual(tasks.map(task => task.taskDefinitionKey), [ HANDLE_TASK_KEY ],
    `the instance waits at ${HANDLE_TASK_KEY} only`);
  const handleTask = tasks[0];
  const links = await rest(`/task/${handleTask.id}/identity-links`);
  const groups = links.filter(l => l.type === 'candidate' && l.groupId).map(l => l.groupId);
  assert.deepEqual(groups, [ HANDLING_UNIT ], `candidate group of ${HANDLE_TASK_KEY}: ${JSON.stringify(links)}`);
  assert.equal(handleTask.assignee, null, 'the handling task is not assigned yet');

  const handlingUnit = await rest(`/process-instance/${state.instanceId}/variables/handlingUnit`);
  assert.equal(handlingUnit.value, HANDLING_UNIT, 'variable handlingUnit');
  const handlingUnitName = await rest(`/process-instance/${state.instanceId}/variables/handlingUnitName`);
  assert.equal(handlingUnitName.value, HANDLING_UNIT_NAME, 'variable handlingUnitName');

  const seenByReception = await rest(`/task?processInstanceId=${state.instanceId}`,
    { user: 'reception1', password: PASSWORD });
  assert.deepEqual(seenByReception, [], 'reception1 sees no task of the case');
  const seenByHr = await rest(`/task?processInstanceId=${state.instanceId}`, { user: 'hr1', password: PASSWORD });
  assert.deepEqual(seenByHr.map(task => task.taskDefinitionKey), [ HANDLE_TASK_KEY ], 'hr1 (unit-hr) sees the task');
  console.log(`# ${state.caseNumber} waits at ${HANDLE_TASK_KEY} (task ${handleTask.id}) for ${groups.join(',')}`);
}

// ---------------------------------------------------------------------------------------------
// Product bugs this test found earlier; fixed in the service, so these are now plain checks.

// was: office1 could not read process variables, so the filter's variable columns stayed empty; now
// CaseSummaryListener copies caseNumber, subject and currentDueLabel onto the task as local variables
test('task cards of 本组待办 show the case columns (信访件编号, 信访人, 信访事项, 办理时限) to office1', async t => {
  if (!state.cardVariables) {
    t.skip('no task card seen');
    return;
  }
  // the task's local copies as they were while the card was on screen (engine history does not keep them)
  const local = state.cardLocals || {};
  const dueLabel = local.currentDueLabel?.value;
  assert.ok(dueLabel, `task-local variable currentDueLabel of the accept task (found ${JSON.stringify(local)})`);
  // the petitioner as everyone may see them (issue 13), also a task-local copy
  const petitioner = local.petitionerDisplay?.value;
  assert.ok(petitioner, `task-local variable petitionerDisplay of the accept task (found ${JSON.stringify(local)})`);
  assert.deepEqual(state.cardVariables,
    { 信访件编号: state.caseNumber, 信访人: petitioner, 信访事项: SUBJECT, 办理时限: dueLabel },
    `the card's variable columns; the whole card reads: "${state.cardText}"`);
});

// was: form-js submits "" for the empty 原信访件编号 and RegisterPetitionListener took that for an earlier case
test('a first registration from the Tasklist start form is neither a repeat petition nor a major case', async t => {
  if (!state.instanceId) {
    t.skip('no registered petition');
    return;
  }
  const variables = await rest(`/process-instance/${state.instanceId}/variables`);
  const shown = name => `${name}=${JSON.stringify(variables[name]?.value)}`;
  assert.equal(variables.repeatPetition?.value, false, shown('repeatPetition') + ', ' + shown('relatedCaseNumber'));
  assert.equal(variables.majorCase?.value, false, shown('majorCase') + ' (1 person, 本级受理, no earlier case)');
});

// was: form-accept-petition showed {{suggestedUnitName}}, a variable nothing set; CaseSummaryListener sets it now
test('the accept form shows the suggested handling unit (分办建议)', async t => {
  if (!state.suggestionText) {
    t.skip('the accept form was not reached');
    return;
  }
  assert.ok(state.suggestionText.includes(HANDLING_UNIT_NAME), `分办建议 text: "${state.suggestionText}"`);
  // before acceptance no unit has the case yet: the summary says so instead of naming the suggestion
  assert.match(state.unitLineText || '', /^承办单位[:：]\s*（待分办）$/, `承办单位 line: "${state.unitLineText}"`);
});
