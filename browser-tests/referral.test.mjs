// Browser test of a referral (转办督办) in the real Camunda 7 Tasklist:
//
//   1. office1 starts "转办督办：转办件调查处理与审结备案" (petition-referral) from "Start process"
//      with its start form (forms/form-start-referral.form): a case referred from above
//      (来文机关, 来文文号), the petition, 承办单位 城关镇 and 转办要求;
//   2. chengguan1 (unit-chengguan) finds 调查处理并报告结果 under 本组待办, claims it, sees the
//      referral letter (转办函 with the case number) in the form (forms/form-investigate-referral.form),
//      opens "打开或打印转办函" (/api/documents/{number}, on the Tasklist login), reports the result
//      (报告调查处理结果, 处理意见 解释说明, 查明事实, 处理意见及依据) and completes the task;
//   3. office1 claims 审结转办件报告 (forms/form-review-referral-report.form), sees the report and
//      completes it with 审结备案;
//   4. the REST API shows the instance ended at end_referral_filed, and /api/documents lists the
//      case's REFERRAL_LETTER.
//
// Run: BASE_URL=http://localhost:8080 node --test browser-tests/
// Each run uses its own subject, phone number and 来文文号.
// Screenshots: target/browser-screenshots/referral-*.png (on failure also referral-*-FAILED.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, login, logout, url } from './helpers.mjs';
import {
  PASSWORD, STEP_TIMEOUT, api, cardVariables, claimOpenTask, completeOpenTask, eventually,
  fieldsNotShowing, fillForm, formField, openFilter, openStartForm, printInstanceDiagnostics, q, radioOption, rest,
  searchByBusinessKey, selectedOption, submitStartForm, taskCard, testRun
} from './tasklist.mjs';

const PROCESS_KEY = 'petition-referral';
const PROCESS_NAME = '转办督办：转办件调查处理与审结备案';
const INVESTIGATE_TASK_NAME = '调查处理并报告结果';
const INVESTIGATE_TASK_KEY = 'task_investigate_referral';
const REVIEW_TASK_NAME = '审结转办件报告';
const REVIEW_TASK_KEY = 'task_review_referral_report';
const END_FILED = 'end_referral_filed';
const UNIT = 'unit-chengguan';
const UNIT_NAME = '城关镇';
const OFFICE_USER = 'office1';
const UNIT_USER = 'chengguan1';

const RUN = Date.now();
const RUN_ID = `${RUN}-${Math.floor(Math.random() * 1000).toString().padStart(3, '0')}`;
const SOURCE_BODY = '市信访局';
const SOURCE_LETTER_NUMBER = `市信转〔2026〕${RUN_ID}号`;
const SUBJECT = `浏览器测试：征地补偿未到位 ${RUN_ID}`;
const CONTENT = `浏览器自动测试（${RUN_ID}）：城关镇某村征地补偿款两年未发放到户，请求核实并依法发放。`;
const PHONE = `138${String(RUN).slice(-8)}`; // 11 digits, matches ^1[3-9][0-9]{9}$
const PETITIONER = '转办测试人';
const REQUEST = `请城关镇核实征地补偿款发放情况，依法依规处理并书面报告结果（${RUN_ID}）。`;
const FACTS = `经调查（${RUN_ID}），该村补偿款已拨付至村集体账户，因分配方案未经村民会议通过而暂缓发放。`;
const REASONS = `已向信访人解释说明：分配方案将于下月村民会议表决后发放（${RUN_ID}），依据《土地管理法》第四十八条。`;

/** What the steps found out, shared between the sequential tests. */
const state = {
  instanceId: null,
  caseNumber: null,
  letterNumber: null,
  investigateTaskId: null,
  reported: false,
  reviewTaskId: null,
  filed: false
};

const run = testRun({ prefix: 'referral', describe: () => ({ state, subject: SUBJECT }) });
const { openSession, shot, step } = run;

/** petition-referral instances (running or ended) with a variable `name` equal to `value`. */
async function instancesWithVariable(name, value) {
  const variables = await rest('/history/variable-instance', {
    method: 'POST',
    body: { variableName: name, variableValue: value, processDefinitionKey: PROCESS_KEY }
  });
  return [ ...new Set(variables.map(v => v.processInstanceId)) ];
}

/** The instance's one open task, once it is `key`. */
async function waitForTask(key) {
  const tasks = await eventually(`task ${key}`, async () => {
    const list = await rest(`/task?processInstanceId=${state.instanceId}`);
    return list.some(task => task.taskDefinitionKey === key) ? list : null;
  });
  assert.deepEqual(tasks.map(task => task.taskDefinitionKey), [ key ], `the instance waits at ${key} only`);
  return tasks[0];
}

async function candidateGroups(taskId) {
  const links = await rest(`/task/${taskId}/identity-links`);
  return links.filter(l => l.type === 'candidate' && l.groupId).map(l => l.groupId);
}

const oneLine = text => text.replace(/\s+/g, ' ').trim();

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

test('1. office1 registers a case referred from above with the Tasklist start form of petition-referral',
  { timeout: STEP_TIMEOUT }, async () => {
    const session = await openSession(OFFICE_USER);
    const { page } = session;
    let modal;

    await step(session, 'office-login', async () => {
      await login(page, OFFICE_USER, PASSWORD);
      await page.locator('[cam-tasklist-filters] .task-filter').filter({ hasText: '本组待办' }).waitFor();
      await shot(page, '01-office1-tasklist');
    });

    await step(session, 'open-start-form', async () => {
      modal = await openStartForm(page, PROCESS_NAME, {
        search: '转办督办',
        waitForField: '来文机关',
        onList: async () => shot(page, '02-start-process-dialog')
      });
      // defaults from the form file
      assert.equal(await selectedOption(modal, '信访渠道'), '来访', '信访渠道 defaults to 来访');
      assert.equal(await selectedOption(modal, '来源层级'), '市级交办', '来源层级 defaults to PREFECTURE (市级交办)');
      assert.equal(await formField(modal, '实名信访').locator('input[type="checkbox"]').isChecked(), true,
        '实名信访 is ticked by default');
      assert.equal(await formField(modal, '信访人数').locator('input').inputValue(), '1', '信访人数 defaults to 1');
      await shot(page, '03-start-form');
    });

    await step(session, 'fill-start-form', async () => {
      const values = {
        selects: { '信访类别': '土地征收', '承办单位': UNIT_NAME },
        texts: {
          '来文机关': SOURCE_BODY,
          '来文文号': SOURCE_LETTER_NUMBER,
          '信访人姓名': PETITIONER,
          '联系电话': PHONE,
          '信访事项（摘要）': SUBJECT,
          '信访内容': CONTENT,
          '转办要求': REQUEST
        }
      };
      await fillForm(page, modal, values);
      const wrong = await fieldsNotShowing(modal, {
        texts: values.texts,
        selects: { ...values.selects, '信访渠道': '来访', '来源层级': '市级交办' }
      });
      assert.deepEqual(wrong, [], 'the form still shows the entered values');
      await shot(page, '04-start-form-filled');
    });

    await step(session, 'submit-start-form', async () => {
      await submitStartForm(page, modal);
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
      const variables = await rest(`/process-instance/${state.instanceId}/variables`);
      const value = name => variables[name]?.value;
      assert.equal(value('caseNumber'), state.caseNumber, 'variable caseNumber equals the business key');
      assert.equal(value('caseOwner'), OFFICE_USER, 'office1 registered the case (caseOwner)');
      assert.equal(value('sourceBody'), SOURCE_BODY, 'variable sourceBody (来文机关)');
      assert.equal(value('sourceLetterNumber'), SOURCE_LETTER_NUMBER, 'variable sourceLetterNumber (来文文号)');
      assert.equal(value('referralRequest'), REQUEST, 'variable referralRequest (转办要求)');
      assert.equal(value('handlingUnit'), UNIT, 'variable handlingUnit (承办单位)');
      assert.equal(value('standaloneReferral'), true, 'a referral from above, not from intake');
      assert.match(value('referralLetterNumber') || '', /^ZB-\d{4}-\d{6}$/, 'the referral letter was issued');
      state.letterNumber = value('referralLetterNumber');

      const task = await waitForTask(INVESTIGATE_TASK_KEY);
      assert.deepEqual(await candidateGroups(task.id), [ UNIT ], `candidate group of ${INVESTIGATE_TASK_KEY}`);
      assert.equal(task.assignee, null, 'the investigation task is not assigned yet');
      state.investigateTaskId = task.id;
      console.log(`# started ${state.caseNumber} (instance ${state.instanceId}), letter ${state.letterNumber}, ` +
        `task ${state.investigateTaskId}`);
    });

    await step(session, 'office-logout', async () => {
      await logout(page);
    });
    await session.close();
  });

test('2. chengguan1 claims 调查处理并报告结果 from 本组待办, opens the referral letter and reports the result',
  { timeout: STEP_TIMEOUT }, async t => {
    if (!state.investigateTaskId) {
      t.skip('no referral registered (step 1 failed)');
      return;
    }
    const session = await openSession(UNIT_USER);
    const { page } = session;
    const card = taskCard(page, state.investigateTaskId);
    const task = page.locator('[cam-tasklist-task]');

    await step(session, 'unit-login', async () => {
      await login(page, UNIT_USER, PASSWORD);
      await openFilter(page, '本组待办');
      await page.locator('[cam-tasks] li.task').first().waitFor();
      await shot(page, '06-chengguan1-group-tasks');
    });

    await step(session, 'search-by-case-number', async () => {
      await searchByBusinessKey(page, state.caseNumber);
      await card.waitFor();
      assert.match(await card.innerText(), new RegExp(INVESTIGATE_TASK_NAME), 'the card shows the task name');
      // the case columns come from the task's own variables (CaseSummaryListener)
      const columns = await cardVariables(card);
      assert.equal(columns['信访件编号'], state.caseNumber, `card columns: ${JSON.stringify(columns)}`);
      assert.equal(columns['信访事项'], SUBJECT, `card columns: ${JSON.stringify(columns)}`);
      assert.match(columns['办理时限'] || '', /\d{4}年\d{1,2}月\d{1,2}日/, `card columns: ${JSON.stringify(columns)}`);
      await shot(page, '07-chengguan1-search-by-case-number');
    });

    await step(session, 'open-and-claim', async () => {
      await card.locator('.clickable').first().click();
      await task.locator('.names').filter({ hasText: INVESTIGATE_TASK_NAME }).first().waitFor();
      await claimOpenTask(page, state.investigateTaskId, UNIT_USER, { waitForField: '办理操作' });
      const summary = task.locator('.fjs-form-field-html').first();
      await summary.filter({ hasText: state.caseNumber }).waitFor();
      const summaryText = oneLine(await summary.innerText());
      assert.ok(summaryText.includes(SUBJECT), `the summary shows the subject: "${summaryText}"`);
      assert.ok(summaryText.includes(UNIT_NAME), `the summary shows the unit: "${summaryText}"`);
      assert.ok(summaryText.includes(state.letterNumber), `the summary shows the letter number: "${summaryText}"`);

      // the referral letter itself, as issued
      const letter = task.locator('.fjs-form-field-html').filter({ hasText: /转办函/ })
        .filter({ hasText: '打开或打印转办函' });
      const letterText = oneLine(await letter.innerText());
      assert.match(letterText, /^转办函/, `the letter block starts with its heading: "${letterText}"`);
      for (const expected of [ `现将信访件 ${state.caseNumber}`, `${UNIT_NAME}：`, SUBJECT, PETITIONER, REQUEST ]) {
        assert.ok(letterText.includes(expected), `the letter shows "${expected}": "${letterText}"`);
      }
      await shot(page, '08-investigate-task-claimed');
    });

    await step(session, 'open-referral-letter', async () => {
      const link = task.getByRole('link', { name: '打开或打印转办函' });
      const href = await link.getAttribute('href');
      assert.ok(href && href.endsWith(`/api/documents/${state.letterNumber}`), `the link's href: ${href}`);
      const target = await link.getAttribute('target');
      console.log(`# letter link: href="${href}" target="${target}"`);
      let letterPage;
      if (target === '_blank') {
        [ letterPage ] = await Promise.all([ page.context().waitForEvent('page'), link.click() ]);
      } else {
        // same tab: check the letter, then come back to the task
        await link.click();
        letterPage = page;
      }
      await letterPage.waitForLoadState('domcontentloaded');
      await letterPage.waitForURL(new RegExp(`/api/documents/${state.letterNumber}$`));
      const heading = oneLine(await letterPage.locator('h1').innerText());
      assert.equal(heading.replace(/\s/g, ''), '转办函', 'the printable page is a 转办函');
      const body = oneLine(await letterPage.locator('body').innerText());
      for (const expected of [ state.letterNumber, state.caseNumber, SUBJECT, REQUEST ]) {
        assert.ok(body.includes(expected), `the letter page shows "${expected}": "${body.slice(0, 600)}"`);
      }
      assert.match(await letterPage.title(), new RegExp(`${state.caseNumber}.*转办函`), 'the page title');
      await shot(letterPage, '09-referral-letter-page');
      if (letterPage !== page) {
        await letterPage.close();
      } else {
        await page.goto(url(`/camunda/app/tasklist/default/#/?task=${state.investigateTaskId}`));
        await task.locator('.names').filter({ hasText: INVESTIGATE_TASK_NAME }).first().waitFor();
        await formField(task, '办理操作').waitFor();
        await page.waitForTimeout(1000); // see fillText
      }
    });

    await step(session, 'fill-report', async () => {
      const report = radioOption(task, '办理操作', '报告调查处理结果');
      assert.ok(await report.isChecked(), '办理操作 defaults to 报告调查处理结果');
      await radioOption(task, '处理意见', '解释说明').check();
      await fillForm(page, task, { texts: { '查明事实': FACTS, '处理意见及依据': REASONS } });
      assert.ok(await report.isChecked(), '报告调查处理结果 stays chosen');
      assert.ok(await radioOption(task, '处理意见', '解释说明').isChecked(), '解释说明 stays chosen');
      await shot(page, '10-report-filled');
    });

    await step(session, 'complete-investigation', async () => {
      await completeOpenTask(page, state.investigateTaskId);
      await card.waitFor({ state: 'detached' });
      await shot(page, '11-investigation-completed');
    });

    await step(session, 'check-report-recorded', async () => {
      const variables = await rest(`/process-instance/${state.instanceId}/variables`);
      assert.equal(variables.reportOutcome?.value, 'EXPLAIN', 'reportOutcome');
      assert.equal(variables.reportFacts?.value, FACTS, 'reportFacts');
      assert.equal(variables.reportReasons?.value, REASONS, 'reportReasons');
      const review = await waitForTask(REVIEW_TASK_KEY);
      assert.deepEqual(await candidateGroups(review.id), [ 'petition-office' ], `candidate group of ${REVIEW_TASK_KEY}`);
      state.reviewTaskId = review.id;
      state.reported = true;
    });

    await step(session, 'unit-logout', async () => {
      await logout(page);
    });
    await session.close();
  });

test('3. office1 claims 审结转办件报告 and files the referral (审结备案)', { timeout: STEP_TIMEOUT }, async t => {
  if (!state.reported) {
    t.skip('the unit did not report (step 1 or 2 failed)');
    return;
  }
  const session = await openSession(OFFICE_USER);
  const { page } = session;
  const card = taskCard(page, state.reviewTaskId);
  const task = page.locator('[cam-tasklist-task]');

  await step(session, 'office-login', async () => {
    await login(page, OFFICE_USER, PASSWORD);
    await openFilter(page, '本组待办');
    await searchByBusinessKey(page, state.caseNumber);
    await card.waitFor();
    assert.match(await card.innerText(), new RegExp(REVIEW_TASK_NAME), 'the card shows the task name');
    await shot(page, '12-office1-review-task-found');
  });

  await step(session, 'open-and-claim', async () => {
    await card.locator('.clickable').first().click();
    await task.locator('.names').filter({ hasText: REVIEW_TASK_NAME }).first().waitFor();
    await claimOpenTask(page, state.reviewTaskId, OFFICE_USER, { waitForField: '审结意见' });
    await task.locator('.fjs-form-field-html').first().filter({ hasText: state.caseNumber }).waitFor();
    const report = task.locator('.fjs-form-field-html').filter({ hasText: '承办单位报告' });
    const reportText = oneLine(await report.innerText());
    for (const expected of [ '解释说明', FACTS, REASONS ]) {
      assert.ok(reportText.includes(expected), `the report shows "${expected}": "${reportText}"`);
    }
    await shot(page, '13-review-task-claimed');
  });

  await step(session, 'file-referral', async () => {
    const file = radioOption(task, '审结意见', '审结备案');
    if (!await file.isChecked()) {
      await file.check();
    }
    assert.ok(await file.isChecked(), '审结备案 is chosen');
    assert.equal(await formField(task, '退回原因').count(), 0, '退回原因 is hidden when filing');
    await shot(page, '14-review-filled');
    await completeOpenTask(page, state.reviewTaskId);
    await card.waitFor({ state: 'detached' });
    state.filed = true;
    await shot(page, '15-referral-filed');
  });

  await step(session, 'office-logout', async () => {
    await logout(page);
  });
  await session.close();
});

test('4. the referral instance has ended (审结备案) and the case lists its REFERRAL_LETTER', { timeout: 60000 },
  async t => {
    if (!state.filed) {
      t.skip('the referral was not filed (an earlier step failed)');
      return;
    }
    try {
      const instance = await eventually('the instance to end', async () => {
        const found = await rest(`/history/process-instance/${state.instanceId}`);
        return found.endTime ? found : null;
      });
      assert.equal(instance.state, 'COMPLETED', `state of ${state.instanceId}`);
      assert.equal(instance.businessKey, state.caseNumber);
      assert.deepEqual(await rest(`/process-instance?processInstanceIds=${state.instanceId}`), [],
        'no longer running');
      // the REST history has no end activity field: the end events reached tell how it ended
      const ends = await rest(`/history/activity-instance?processInstanceId=${state.instanceId}` +
        '&activityType=terminateEndEvent'); // the referral's own ends terminate
      assert.deepEqual(ends.map(a => a.activityId), [ END_FILED ], 'ended at 已审结备案 only');
      const filed = await rest(`/history/activity-instance?processInstanceId=${state.instanceId}` +
        '&activityId=service_file_referral');
      assert.equal(filed.length, 1, 'passed 审结备案 (service_file_referral)');

      const documents = await api(`/documents?caseNumber=${q(state.caseNumber)}`);
      const letters = documents.filter(d => d.kind === 'REFERRAL_LETTER');
      assert.deepEqual(letters.map(d => d.number), [ state.letterNumber ],
        `documents of ${state.caseNumber}: ${JSON.stringify(documents)}`);
      assert.equal(letters[0].unit, UNIT, 'the letter is addressed to 城关镇');
      console.log(`# ${state.caseNumber} filed; documents: ${documents.map(d => `${d.kind} ${d.number}`).join(', ')}`);
    } catch (err) {
      await printInstanceDiagnostics(state.instanceId, state.caseNumber);
      throw err;
    }
  });
