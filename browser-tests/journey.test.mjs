// Browser journeys through the real Camunda 7 Tasklist, every role in turn, a screenshot at each step:
//
//   1. one petition (petition-intake) from registration to the archive:
//      reception1 registers it with the start form of "首问负责：信访件登记受理与办理";
//      office1 claims 受理审查与分办 and assigns it to 县人力资源和社会保障局 (交办承办单位);
//      hr1 (unit-hr) claims 调查处理 and reports (报送处理意见, 解释说明, 查明事实, 处理意见及依据);
//      reception1, the case owner, replies in 审核并答复信访人 (书面答复, 答复内容);
//      then, as admin over REST, the review-window timer (timer_review_window_closed) and the async
//      archive job (service_archive) run; the instance ends at end_archived and
//      GET /api/petitions/{caseNumber} says ARCHIVED.
//   2. one referral (petition-referral) to an overdue escalation:
//      office1 starts "转办督办：转办件调查处理与审结备案";
//      as admin over REST the overdue timer of 调查处理并报告结果 (timer_referral_overdue) runs, and in
//      the same job service_record_referral_overdue (overdue recorded, −2 points, 督办函);
//      supervisor1 finds 督办逾期转办件 under 本组待办, sees the 督办函 DB-…, decides
//      逾期无正当理由 with a 督办措施 and 督办意见; GET /api/appraisal shows the unit's negative total
//      and the case's entries.
//
// The webapps may show English or Simplified Chinese labels (the translation is configurable and was
// in progress when this was written): every webapp label below accepts both. Test 1 logs which
// language it saw and, in Chinese, checks that Chinese button labels are shown.
//
// Run: BASE_URL=http://localhost:8080 node --test browser-tests/
//      (JOURNEY_LOCALE=en runs it with the English webapps, as chosen by the header's language link)
// Each run uses its own phone numbers (they find the started instances) and 来文文号.
// Screenshots (viewport 1400x900): target/browser-screenshots/journey-*.png (on failure also -FAILED).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, login, logout } from './helpers.mjs';
import {
  PASSWORD, UI_TIMEOUT, api, cardVariables, eventually, fieldsNotShowing, fillForm, formField, labelPattern,
  openFilter, printInstanceDiagnostics, q, radioOption, rest, selectedOption, taskCard, testRun
} from './tasklist.mjs';

const JOURNEY_TIMEOUT = 600000;
// JOURNEY_LOCALE=en (or zh): the webapp language to choose, as the header's language link does; unset: the default
const WEBAPP_LOCALE = process.env.JOURNEY_LOCALE || '';
const VIEWPORT = { width: 1400, height: 900 };

// webapp labels, English or Chinese (src/main/resources/META-INF/resources/webjars/camunda/app/tasklist/locales/zh.json)
const UI = {
  startProcess: /^\s*(Start process|发起流程|启动流程)\s*$/,
  searchProcess: /^(Search by process name\.|按流程名称搜索。?)$/,
  start: /^\s*(Start|发起|启动)\s*$/,
  claim: /^\s*(Claim|认领)\s*$/,
  complete: /^\s*(Complete|完成)\s*$/,
  filterTasks: /^(Filter Tasks|筛选任务)$/,
  businessKey: /^\s*(Process Instance Business Key|流程实例业务键)\s*$/
};

const INTAKE_KEY = 'petition-intake';
const INTAKE_NAME = '首问负责：信访件登记受理与办理';
const REFERRAL_KEY = 'petition-referral';
const REFERRAL_NAME = '转办督办：转办件调查处理与审结备案';

const HR_UNIT = 'unit-hr';
const HR_UNIT_NAME = '县人力资源和社会保障局';
const CG_UNIT = 'unit-chengguan';
const CG_UNIT_NAME = '城关镇';

const RUN = Date.now();
const RUN_ID = `${RUN}-${Math.floor(Math.random() * 1000).toString().padStart(3, '0')}`;
const YEAR = new Date().getFullYear();

// The texts read like a real case (two screenshots are README images); the phone number is unique
// per run and finds the started instance, and is the only place the run shows.

// journey 1: the petition
const P = {
  subject: '某建筑公司拖欠农民工工资',
  content: '本人在县城某住宅小区工地务工，施工方某建筑公司拖欠本人及工友三个月工资共计四万余元，' +
    '多次讨要未果，请求协调支付。',
  petitioner: '李秀英',
  phone: `137${String(RUN).slice(-8)}`, // 11 digits, matches ^1[3-9][0-9]{9}$
  notice: '您反映的拖欠工资问题已受理，已交县人力资源和社会保障局调查处理，处理结果将书面答复您。',
  facts: '经调查，该公司因工程款尚未结算，拖欠李秀英等12名农民工工资共计46800元，情况属实。' +
    '县人社局已下达限期整改指令书，责令其十日内足额支付。',
  reasons: '依据《保障农民工工资支付条例》第三条、第三十条，施工总承包单位对拖欠工资承担清偿责任；' +
    '已向信访人解释说明处理经过和支付时限。',
  reply: '您反映的拖欠工资问题，经县人力资源和社会保障局调查属实，已责令该公司十日内足额支付。' +
    '如对处理意见不服，可自收到本意见书之日起30日内向县人民政府申请复查。'
};

// journey 2: the referral
const R = {
  sourceBody: '市信访局',
  sourceLetterNumber: `市信转〔${YEAR}〕${String(RUN).slice(-4)}号`,
  subject: '城关镇某村征地补偿款未发放到户',
  content: '本村2024年被征收集体土地一百二十亩，征地补偿款至今未发放到户，村民多次向村委会反映无果，' +
    '请求核实并依法发放。',
  petitioner: '张建军',
  phone: `136${String(RUN).slice(-8)}`,
  request: '请城关镇核实征地补偿款拨付和分配情况，依法依规处理，并于办理期限内书面报告结果。',
  measure: '发出督办函',
  opinion: '城关镇逾期未报告且无正当理由，责令五个工作日内办结并书面报告，逾期将约谈单位主要负责人。'
};

const state = {
  language: null,
  intake: { instanceId: null, caseNumber: null, taskIds: {} },
  referral: { instanceId: null, caseNumber: null, letterNumber: null, urgingLetterNumber: null, taskIds: {} }
};

const run = testRun({ prefix: 'journey', describe: () => ({ state, runId: RUN_ID }) });
const { shot, step } = run;

after(run.closeAll);

before(async () => {
  for (const key of [ INTAKE_KEY, REFERRAL_KEY ]) {
    const definitions = await rest(`/process-definition?key=${q(key)}&latestVersion=true`).catch(err => {
      throw new Error(`service at ${BASE_URL} not reachable or REST login failed: ${err.message}`);
    });
    assert.equal(definitions.length, 1, `process ${key} is deployed`);
  }
  console.log(`# run ${RUN_ID} against ${BASE_URL}: petitioner phones ${P.phone} (intake), ${R.phone} (referral)`);
});

// ---------------------------------------------------------------------------------------------
// browser: sessions and Tasklist actions whose labels are English or Chinese

/** A browser of its own for `user`, at 1400x900 (the screenshots double as README images). */
async function openSession(user) {
  const session = await run.openSession(user);
  await session.page.setViewportSize(VIEWPORT);
  if (WEBAPP_LOCALE) {
    // what the header's "English / 中文" link stores (src/main/resources/.../assets/xinfang/xinfang-config.js)
    await session.context.addInitScript(locale => window.localStorage.setItem('xinfang.locale', locale), WEBAPP_LOCALE);
  }
  return session;
}

async function pageLanguage(page) {
  return page.evaluate(() => document.documentElement.lang || '');
}

const oneLine = text => String(text).replace(/\s+/g, ' ').trim();

/** Logs in and waits for the filters (their names are data, always Chinese). */
async function loginToTasklist(page, user) {
  await login(page, user, PASSWORD);
  const filters = page.locator('[cam-tasklist-filters] .task-filter');
  await filters.filter({ hasText: '我的待办' }).first().waitFor();
  await filters.filter({ hasText: '本组待办' }).first().waitFor();
}

/** "Start process" → the process (found by `search`) → its start form; returns the dialog. */
async function openStartForm(page, processName, { search, waitForField, onList }) {
  const modal = page.locator('.modal-dialog');
  await page.locator('.start-process-action a').filter({ hasText: UI.startProcess }).first().click();
  await modal.locator('ul.processes').waitFor();
  await modal.getByPlaceholder(UI.searchProcess).fill(search);
  const entry = modal.locator('ul.processes a').filter({ hasText: labelPattern(processName) });
  await entry.first().waitFor();
  if (onList) {
    await onList();
  }
  await entry.first().click();
  await modal.locator('.modal-title').filter({ hasText: processName }).waitFor();
  await modal.locator('form.fjs-form').waitFor();
  await formField(modal, waitForField).waitFor();
  await page.waitForTimeout(1000); // the Tasklist re-renders the form once (see fillText in tasklist.mjs)
  return modal;
}

/** Start in the dialog; waits for it to close, throws with the dialog's message when refused. */
async function submitStartForm(page, modal) {
  const alerts = modal.locator('.notifications .alert-danger');
  const alertsBefore = await alerts.count();
  await modal.getByRole('button', { name: UI.start }).click();
  const started = modal.waitFor({ state: 'detached' }).then(() => 'ok');
  const failed = alerts.nth(alertsBefore).waitFor({ state: 'visible' }).then(() => 'failed');
  if (await Promise.race([ started, failed ]) === 'failed') {
    throw new Error(`starting the process failed: ${oneLine(await alerts.nth(alertsBefore).innerText())}`);
  }
  await page.locator('.notifications .alert-success, .notifications .alert-info').first()
    .waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
}

/** Narrows the open filter's task list to one case number (Tasklist search by business key). */
async function searchByCaseNumber(page, caseNumber, { count = 1 } = {}) {
  const zh = (await pageLanguage(page)).startsWith('zh');
  const search = page.locator('[cam-widget-search]');
  const input = search.getByPlaceholder(UI.filterTasks);
  await input.click();
  await input.pressSequentially(zh ? '流程实例业务键' : 'Process Instance Business Key');
  await search.locator('ul.dropdown-menu li').filter({ hasText: UI.businessKey }).first().click();
  const value = search.locator('[cam-widget-search-pill]').last().locator('.value-field input');
  await value.fill(caseNumber);
  await value.press('Enter');
  await search.locator('[cam-widget-search-pill] .value-field').filter({ hasText: caseNumber }).waitFor();
  await page.waitForFunction(n => document.querySelectorAll('[cam-tasks] li.task').length === n, count,
    { timeout: UI_TIMEOUT });
}

/** Opens a task from its card and waits for its name in the task pane; returns the pane. */
async function openTask(page, taskId, taskName) {
  const card = taskCard(page, taskId);
  await card.locator('.clickable').first().click();
  const task = page.locator('[cam-tasklist-task]');
  await task.locator('.names').filter({ hasText: taskName }).first().waitFor();
  return task;
}

/** Claim in the open task; waits for the engine to record the assignee and for the form. */
async function claimOpenTask(page, taskId, user, { waitForField }) {
  const task = page.locator('[cam-tasklist-task]');
  const claim = task.getByRole('button', { name: UI.claim }).first();
  await claim.waitFor();
  const label = oneLine(await claim.innerText());
  await claim.click();
  await eventually(`${user} to be the assignee of task ${taskId}`, async () =>
    (await rest(`/task/${taskId}`)).assignee === user);
  await task.locator('form.fjs-form').waitFor();
  await formField(task, waitForField).waitFor();
  await page.waitForTimeout(1000); // see fillText in tasklist.mjs
  // the mouse rests where Claim was, now the unclaim button: move it off, or its tooltip shows on screenshots
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5);
  return label;
}

/** Complete in the open task; waits until the engine no longer has it, throws with the Tasklist's message. */
async function completeOpenTask(page, taskId) {
  const task = page.locator('[cam-tasklist-task]');
  const alerts = page.locator('.notifications .alert-danger');
  const alertsBefore = await alerts.count();
  await task.getByRole('button', { name: UI.complete }).click();
  const done = eventually(`task ${taskId} to be completed`, async () =>
    (await rest(`/task?taskId=${taskId}`)).length === 0).then(() => 'ok');
  const failed = alerts.nth(alertsBefore).waitFor({ state: 'visible', timeout: 25000 }).then(() => 'failed',
    () => new Promise(() => {}));
  if (await Promise.race([ done, failed ]) === 'failed') {
    throw new Error(`completing task ${taskId} failed: ${oneLine(await alerts.nth(alertsBefore).innerText())}`);
  }
}

/** The first text block of a form (the case summary), once it shows the case number. */
async function caseSummary(task, caseNumber) {
  const summary = task.locator('.fjs-form-field-html').first();
  await summary.filter({ hasText: caseNumber }).waitFor();
  return oneLine(await summary.innerText());
}

/** Scrolls the task pane's form so that `label`'s field shows (for the screenshot). */
async function scrollToField(task, label) {
  await formField(task, label).scrollIntoViewIfNeeded();
}

// ---------------------------------------------------------------------------------------------
// REST: instances, tasks and jobs

/**
 * Running instances of `processKey` with a case variable `name` equal to `value` (the runtime query: engine history
 * keeps no copy of what a registration wrote to the ledger, README "what history keeps").
 */
async function instancesWithVariable(processKey, name, value) {
  const instances = await rest('/process-instance', {
    method: 'POST', body: { processDefinitionKey: processKey, variables: [ { name, operator: 'eq', value } ] }
  });
  return [ ...new Set(instances.map(i => i.id)) ];
}

/** The instance just started for this run's petitioner (the phone number is unique per run). */
async function findStartedInstance(processKey, { phone, subject }) {
  const ids = await eventually(`the new ${processKey} instance (variable petitionerPhone ${phone})`, async () => {
    const found = await instancesWithVariable(processKey, 'petitionerPhone', phone);
    return found.length ? found : null;
  });
  assert.equal(ids.length, 1, `exactly one instance with petitionerPhone ${phone}`);
  const instance = await rest(`/process-instance/${ids[0]}`);
  assert.match(instance.businessKey || '', /^XF-\d{4}-\d{6}$/, 'the business key is the case number');
  assert.equal((await rest(`/process-instance/${ids[0]}/variables/subject`)).value, subject, 'variable subject');
  return { instanceId: ids[0], caseNumber: instance.businessKey };
}

/** The instance's open task `key`, once there. */
async function waitForTask(instanceId, key) {
  return eventually(`task ${key} of ${instanceId}`, async () =>
    (await rest(`/task?processInstanceId=${instanceId}&taskDefinitionKey=${key}`))[0]);
}

async function candidateGroups(taskId) {
  const links = await rest(`/task/${taskId}/identity-links`);
  return links.filter(l => l.type === 'candidate' && l.groupId).map(l => l.groupId).sort();
}

const jobDefinitions = new Map();

/** The instance's jobs with the activity and type of their job definition. */
async function jobsOf(instanceId, { timers = false } = {}) {
  const jobs = await rest(`/job?processInstanceId=${instanceId}${timers ? '&timers=true' : ''}`);
  for (const job of jobs) {
    if (!jobDefinitions.has(job.jobDefinitionId)) {
      jobDefinitions.set(job.jobDefinitionId, await rest(`/job-definition/${job.jobDefinitionId}`));
    }
    const definition = jobDefinitions.get(job.jobDefinitionId);
    job.activityId = definition.activityId;
    job.jobType = definition.jobType;
  }
  return jobs;
}

const describeJobs = jobs => jobs.map(j => `${j.activityId} (${j.jobType}, due ${j.dueDate}, retries ${j.retries})`)
  .join('; ') || '(none)';

/** Executes one job as admin; true when this call ran it. */
async function executeJob(job) {
  await rest(`/job/${job.id}/execute`, { method: 'POST' });
  console.log(`# executed job ${job.id} at ${job.activityId} (${job.jobType})`);
  return true;
}

/**
 * Runs the async continuation(s) waiting at `activityIds` until `done()` says the instance moved on.
 * The service's job executor is on, so it may run a job first: then there is nothing left to run
 * (a REST execute of a job the executor just ran fails; the job is checked again afterwards).
 */
async function runAsyncJobs(instanceId, activityIds, done, what) {
  let executedByUs = 0;
  await eventually(what, async () => {
    if (await done()) {
      return true;
    }
    const waiting = (await jobsOf(instanceId)).filter(j => activityIds.includes(j.activityId));
    for (const job of waiting) {
      if (job.exceptionMessage) {
        throw new Error(`job at ${job.activityId} failed: ${job.exceptionMessage}`);
      }
      try {
        await executeJob(job);
        executedByUs++;
      } catch (err) {
        // the REST API answers 404 for any engine error; ENGINE-03005 (optimistic locking) or "does not
        // exist" mean the job executor ran the job at the same time, so this attempt was rolled back
        const raced = /ENGINE-03005|concurrently|does not exist|No job found/i.test(err.message);
        console.log(`# job ${job.id} at ${job.activityId} not executed over REST` +
          (raced ? ' (the job executor ran it at the same time)' : '') + `: ${err.message.slice(0, 300)}`);
      }
    }
    return done();
  }, { timeout: 30000, interval: 500 });
  console.log(`# ${what}: ${executedByUs ? `${executedByUs} job(s) executed over REST` : 'the job executor ran the job(s)'}`);
}

// ---------------------------------------------------------------------------------------------

test('1. one petition through every role of petition-intake to the archive', { timeout: JOURNEY_TIMEOUT },
  async () => {
    const s = state.intake;
    try {
      // -- reception1 registers the petition ---------------------------------------------------
      let session = await openSession('reception1');
      let page = session.page;
      let modal;

      await step(session, '1-reception1-login', async () => {
        await loginToTasklist(page, 'reception1');
        const lang = await pageLanguage(page);
        state.language = lang.startsWith('zh') ? 'zh' : 'en';
        const startLink = oneLine(await page.locator('.start-process-action a').first().innerText());
        if (state.language === 'zh') {
          assert.match(startLink, /^(发起流程|启动流程)$/, `<html lang="${lang}">: the start link is in Chinese`);
        } else {
          assert.match(startLink, UI.startProcess, `<html lang="${lang}">: the start link`);
        }
        console.log(`# webapp language: <html lang="${lang}"> -> ${state.language === 'zh'
          ? `Chinese UI (start link "${startLink}")` : `English UI (start link "${startLink}"), Chinese checks skipped`}`);
        await shot(page, '1-01-reception1-tasklist');
      });

      await step(session, '1-open-start-form', async () => {
        modal = await openStartForm(page, INTAKE_NAME, {
          search: '首问负责', waitForField: '信访事项（摘要）',
          onList: () => shot(page, '1-02-start-process-dialog')
        });
        assert.equal(await selectedOption(modal, '来源层级'), '本级受理', '来源层级 defaults to 本级受理');
      });

      await step(session, '1-fill-start-form', async () => {
        const values = {
          selects: { '信访渠道': '来访', '信访类别': '劳动社保' },
          texts: { '信访人姓名': P.petitioner, '联系电话': P.phone, '信访事项（摘要）': P.subject, '信访内容': P.content }
        };
        await fillForm(page, modal, values);
        assert.deepEqual(await fieldsNotShowing(modal, values), [], 'the start form shows the entered values');
        await modal.locator('.modal-title').scrollIntoViewIfNeeded();
        await shot(page, '1-03a-start-form-filled-top');
        await modal.getByRole('button', { name: UI.start }).scrollIntoViewIfNeeded();
        await shot(page, '1-03b-start-form-filled-bottom');
      });

      await step(session, '1-submit-start-form', async () => {
        await submitStartForm(page, modal);
        await shot(page, '1-04-petition-registered');
        Object.assign(s, await findStartedInstance(INTAKE_KEY, P));
        const variables = await rest(`/process-instance/${s.instanceId}/variables`);
        assert.equal(variables.caseOwner?.value, 'reception1', 'reception1 is the case owner');
        const accept = await waitForTask(s.instanceId, 'task_accept_petition');
        assert.deepEqual(await candidateGroups(accept.id), [ 'petition-office' ]);
        s.taskIds.accept = accept.id;
        console.log(`# registered ${s.caseNumber} (instance ${s.instanceId})`);
      });

      await step(session, '1-reception1-logout', async () => logout(page));
      await session.close();

      // -- office1 accepts it and assigns it to the HR bureau -------------------------------------
      session = await openSession('office1');
      page = session.page;
      let task;

      await step(session, '1-office1-find-task', async () => {
        await loginToTasklist(page, 'office1');
        await openFilter(page, '本组待办');
        await searchByCaseNumber(page, s.caseNumber);
        const card = taskCard(page, s.taskIds.accept);
        assert.match(await card.innerText(), /受理审查与分办/, 'the card shows the task name');
        const columns = await cardVariables(card);
        assert.equal(columns['信访件编号'], s.caseNumber, `card columns ${JSON.stringify(columns)}`);
        await shot(page, '1-05-office1-group-tasks');
      });

      await step(session, '1-office1-claim', async () => {
        task = await openTask(page, s.taskIds.accept, '受理审查与分办');
        await shot(page, '1-06-accept-task-opened');
        const label = await claimOpenTask(page, s.taskIds.accept, 'office1', { waitForField: '受理意见' });
        if (state.language === 'zh') {
          assert.equal(label, '认领', 'the claim button is in Chinese');
        }
        console.log(`# claim button label: "${label}"`);
        const summary = await caseSummary(task, s.caseNumber);
        assert.ok(summary.includes(P.subject), `the summary shows the subject: "${summary}"`);
        assert.ok(summary.includes(P.petitioner), `the summary shows the petitioner: "${summary}"`);
        await shot(page, '1-07-accept-form-claimed');
      });

      await step(session, '1-office1-accept', async () => {
        const decision = radioOption(task, '受理意见', '交办承办单位');
        await decision.check();
        await fillForm(page, task, { selects: { '承办单位': HR_UNIT_NAME }, texts: { '告知信访人内容': P.notice } });
        assert.ok(await decision.isChecked(), '交办承办单位 stays chosen');
        await scrollToField(task, '告知信访人内容');
        await shot(page, '1-08-accept-form-filled');
        await completeOpenTask(page, s.taskIds.accept);
        await taskCard(page, s.taskIds.accept).waitFor({ state: 'detached' });
        await shot(page, '1-09-accept-completed');
        const handle = await waitForTask(s.instanceId, 'task_handle_petition');
        assert.deepEqual(await candidateGroups(handle.id), [ HR_UNIT ], 'the HR bureau handles the case');
        s.taskIds.handle = handle.id;
      });

      await step(session, '1-office1-logout', async () => logout(page));
      await session.close();

      // -- hr1 investigates and reports -----------------------------------------------------------
      session = await openSession('hr1');
      page = session.page;

      await step(session, '1-hr1-find-task', async () => {
        await loginToTasklist(page, 'hr1');
        await openFilter(page, '本组待办');
        await searchByCaseNumber(page, s.caseNumber);
        assert.match(await taskCard(page, s.taskIds.handle).innerText(), /调查处理/, 'the card shows 调查处理');
        await shot(page, '1-10-hr1-group-tasks');
      });

      await step(session, '1-hr1-claim', async () => {
        task = await openTask(page, s.taskIds.handle, '调查处理');
        await claimOpenTask(page, s.taskIds.handle, 'hr1', { waitForField: '办理操作' });
        const summary = await caseSummary(task, s.caseNumber);
        assert.ok(summary.includes(HR_UNIT_NAME), `the summary names the unit: "${summary}"`);
        await shot(page, '1-11-handle-task-claimed');
      });

      await step(session, '1-hr1-report', async () => {
        const report = radioOption(task, '办理操作', '报送处理意见');
        if (!await report.isChecked()) {
          await report.check();
        }
        await radioOption(task, '处理意见', '解释说明').check();
        await fillForm(page, task, { texts: { '查明事实': P.facts, '处理意见及依据': P.reasons } });
        assert.ok(await report.isChecked(), '报送处理意见 stays chosen');
        assert.ok(await radioOption(task, '处理意见', '解释说明').isChecked(), '解释说明 stays chosen');
        await scrollToField(task, '处理意见及依据');
        await shot(page, '1-12-report-filled');
        await completeOpenTask(page, s.taskIds.handle);
        await taskCard(page, s.taskIds.handle).waitFor({ state: 'detached' });
        await shot(page, '1-13-report-completed');
        const reply = await waitForTask(s.instanceId, 'task_send_reply');
        assert.equal(reply.assignee, 'reception1', 'the reply goes to the case owner');
        s.taskIds.reply = reply.id;
      });

      await step(session, '1-hr1-logout', async () => logout(page));
      await session.close();

      // -- reception1, the case owner, replies -----------------------------------------------------
      session = await openSession('reception1');
      page = session.page;

      await step(session, '1-reception1-find-reply', async () => {
        await loginToTasklist(page, 'reception1');
        await openFilter(page, '我的待办');
        await searchByCaseNumber(page, s.caseNumber);
        assert.match(await taskCard(page, s.taskIds.reply).innerText(), /审核并答复信访人/);
        await shot(page, '1-14-reception1-my-tasks');
      });

      await step(session, '1-reception1-reply', async () => {
        task = await openTask(page, s.taskIds.reply, '审核并答复信访人');
        await task.locator('form.fjs-form').waitFor();
        await formField(task, '审核意见').waitFor();
        await page.waitForTimeout(1000); // see fillText in tasklist.mjs
        await caseSummary(task, s.caseNumber);
        const result = oneLine(await task.locator('.fjs-form-field-html').filter({ hasText: '承办单位办理结果' }).innerText());
        for (const expected of [ '解释说明', P.facts, P.reasons ]) {
          assert.ok(result.includes(expected), `the reply form shows the unit's result "${expected}": "${result}"`);
        }
        const send = radioOption(task, '审核意见', '审核通过，答复信访人');
        if (!await send.isChecked()) {
          await send.check();
        }
        await fillForm(page, task, { selects: { '答复方式': '书面答复（信访处理意见书）' }, texts: { '答复内容': P.reply } });
        assert.ok(await send.isChecked(), '审核通过 stays chosen');
        await scrollToField(task, '答复内容');
        const completeLabel = oneLine(await task.getByRole('button', { name: UI.complete }).innerText());
        if (state.language === 'zh') {
          assert.equal(completeLabel, '完成', 'the complete button is in Chinese');
        }
        console.log(`# complete button label: "${completeLabel}"`);
        await shot(page, '1-15-reply-form-filled');
        await completeOpenTask(page, s.taskIds.reply);
        await taskCard(page, s.taskIds.reply).waitFor({ state: 'detached' });
        await shot(page, '1-16-reply-sent');
      });

      await step(session, '1-reception1-logout', async () => logout(page));
      await session.close();

      // -- admin: the review window closes, the case is archived ----------------------------------
      const timers = await eventually('the review-window timer', async () => {
        const jobs = await jobsOf(s.instanceId, { timers: true });
        return jobs.some(j => j.activityId === 'timer_review_window_closed') ? jobs : null;
      });
      console.log(`# timers of ${s.caseNumber}: ${describeJobs(timers)}`);
      const windowTimer = timers.find(j => j.activityId === 'timer_review_window_closed');
      assert.ok(new Date(windowTimer.dueDate) > new Date(), `the review window is still open (due ${windowTimer.dueDate})`);
      await executeJob(windowTimer);

      const ended = async () => (await rest(`/history/process-instance/${s.instanceId}`)).endTime != null;
      await runAsyncJobs(s.instanceId, [ 'service_archive' ], ended, 'the archive job (service_archive)');

      const instance = await rest(`/history/process-instance/${s.instanceId}`);
      assert.equal(instance.state, 'COMPLETED', `state of ${s.instanceId}`);
      // a case's own ends are terminate end events (nothing open is left behind)
      const ends = await rest(`/history/activity-instance?processInstanceId=${s.instanceId}&activityType=terminateEndEvent`);
      assert.deepEqual(ends.map(a => a.activityId), [ 'end_archived' ], 'ended at 已办结归档');
      const petition = await api(`/petitions/${q(s.caseNumber)}`);
      assert.equal(petition.status, 'ARCHIVED', `ledger status of ${s.caseNumber}: ${petition.status} (${petition.statusLabel})`);
      assert.equal(petition.handlingUnit, HR_UNIT);
      assert.equal(petition.caseOwner, 'reception1');
      console.log(`# ${s.caseNumber} archived (${petition.statusLabel}), closed at ${petition.closedAt}; ` +
        `ledger events: ${(petition.events || []).map(e => e.type || e.eventType || e.step || JSON.stringify(e)).join(', ')}`);
    } catch (err) {
      if (s.instanceId) {
        await printInstanceDiagnostics(s.instanceId, s.caseNumber);
      }
      throw err;
    }
  });

test('2. one referral to an overdue escalation: supervisor1 urges 城关镇 and the unit loses points',
  { timeout: JOURNEY_TIMEOUT }, async () => {
    const s = state.referral;
    try {
      // -- office1 registers the referral ----------------------------------------------------------
      let session = await openSession('office1');
      let page = session.page;
      let modal;

      await step(session, '2-office1-login', async () => {
        await loginToTasklist(page, 'office1');
        await shot(page, '2-01-office1-tasklist');
      });

      await step(session, '2-open-start-form', async () => {
        modal = await openStartForm(page, REFERRAL_NAME, { search: '转办督办', waitForField: '来文机关' });
        assert.equal(await selectedOption(modal, '来源层级'), '市级交办', '来源层级 defaults to 市级交办');
      });

      await step(session, '2-fill-start-form', async () => {
        const values = {
          selects: { '信访类别': '土地征收', '承办单位': CG_UNIT_NAME },
          texts: {
            '来文机关': R.sourceBody, '来文文号': R.sourceLetterNumber, '信访人姓名': R.petitioner, '联系电话': R.phone,
            '信访事项（摘要）': R.subject, '信访内容': R.content, '转办要求': R.request
          }
        };
        await fillForm(page, modal, values);
        assert.deepEqual(await fieldsNotShowing(modal, values), [], 'the start form shows the entered values');
        await modal.locator('.modal-title').scrollIntoViewIfNeeded();
        await shot(page, '2-02a-referral-start-form-filled-top');
        await modal.getByRole('button', { name: UI.start }).scrollIntoViewIfNeeded();
        await shot(page, '2-02b-referral-start-form-filled-bottom');
      });

      await step(session, '2-submit-start-form', async () => {
        await submitStartForm(page, modal);
        await shot(page, '2-03-referral-registered');
        Object.assign(s, await findStartedInstance(REFERRAL_KEY, R));
        const investigate = await waitForTask(s.instanceId, 'task_investigate_referral');
        assert.deepEqual(await candidateGroups(investigate.id), [ CG_UNIT ]);
        s.taskIds.investigate = investigate.id;
        s.letterNumber = (await rest(`/process-instance/${s.instanceId}/variables/referralLetterNumber`)).value;
        assert.match(s.letterNumber || '', /^ZB-\d{4}-\d{6}$/, 'the referral letter was issued');
        console.log(`# referral ${s.caseNumber} (instance ${s.instanceId}), letter ${s.letterNumber}, ` +
          `due ${investigate.due}`);
      });

      await step(session, '2-office1-logout', async () => logout(page));
      await session.close();

      // -- admin: the month passes -----------------------------------------------------------------
      const timers = await jobsOf(s.instanceId, { timers: true });
      console.log(`# timers of ${s.caseNumber}: ${describeJobs(timers)}`);
      const overdueTimer = timers.find(j => j.activityId === 'timer_referral_overdue');
      assert.ok(overdueTimer, `a timer_referral_overdue job among: ${describeJobs(timers)}`);
      await executeJob(overdueTimer);

      const supervising = async () =>
        (await rest(`/task?processInstanceId=${s.instanceId}&taskDefinitionKey=task_supervise_referral`)).length > 0;
      await runAsyncJobs(s.instanceId, [ 'service_record_referral_overdue' ], supervising,
        'the overdue job (service_record_referral_overdue) and the supervision task');
      const supervise = await waitForTask(s.instanceId, 'task_supervise_referral');
      assert.deepEqual(await candidateGroups(supervise.id), [ 'supervision' ]);
      assert.ok(await rest(`/task?taskId=${s.taskIds.investigate}`).then(t => t.length === 1),
        'the unit still has its investigation (the timer does not interrupt it)');
      s.taskIds.supervise = supervise.id;
      s.urgingLetterNumber = (await rest(`/process-instance/${s.instanceId}/variables/urgingLetterNumber`)).value;
      assert.match(s.urgingLetterNumber || '', /^DB-\d{4}-\d{6}$/, 'the urging letter was issued');

      // -- supervisor1 urges the unit ----------------------------------------------------------------
      session = await openSession('supervisor1');
      page = session.page;
      let task;

      await step(session, '2-supervisor1-find-task', async () => {
        await loginToTasklist(page, 'supervisor1');
        await openFilter(page, '本组待办');
        await searchByCaseNumber(page, s.caseNumber);
        const card = taskCard(page, s.taskIds.supervise);
        assert.match(await card.innerText(), /督办逾期转办件/, 'the card shows 督办逾期转办件');
        await shot(page, '2-04-supervisor1-group-tasks');
      });

      await step(session, '2-supervisor1-claim', async () => {
        task = await openTask(page, s.taskIds.supervise, '督办逾期转办件');
        await claimOpenTask(page, s.taskIds.supervise, 'supervisor1', { waitForField: '逾期认定' });
        const summary = await caseSummary(task, s.caseNumber);
        for (const expected of [ R.subject, CG_UNIT_NAME, s.letterNumber ]) {
          assert.ok(summary.includes(expected), `the summary shows "${expected}": "${summary}"`);
        }
        const letter = task.locator('.fjs-form-field-html').filter({ hasText: `督办函 ${s.urgingLetterNumber}` });
        const letterText = oneLine(await letter.innerText());
        assert.match(letterText, new RegExp(`^督办函 ${s.urgingLetterNumber}`), `the urging letter: "${letterText}"`);
        for (const expected of [ s.caseNumber, `${CG_UNIT_NAME}`, '打开或打印督办函' ]) {
          assert.ok(letterText.includes(expected), `the urging letter shows "${expected}": "${letterText}"`);
        }
        console.log(`# urging letter shown: "${letterText.slice(0, 300)}"`);
        await shot(page, '2-05-supervision-task-urging-letter');
      });

      await step(session, '2-supervisor1-decide', async () => {
        const unjustified = radioOption(task, '逾期认定', '逾期无正当理由（计入年度考核）');
        await unjustified.check();
        await fillForm(page, task, { selects: { '督办措施': R.measure }, texts: { '督办意见': R.opinion } });
        assert.ok(await unjustified.isChecked(), '逾期无正当理由 stays chosen');
        await scrollToField(task, '督办意见');
        await shot(page, '2-06-supervision-form-filled');
        await completeOpenTask(page, s.taskIds.supervise);
        await taskCard(page, s.taskIds.supervise).waitFor({ state: 'detached' });
        await shot(page, '2-07-supervision-completed');
      });

      await step(session, '2-supervisor1-logout', async () => logout(page));
      await session.close();

      // -- the appraisal ledger ------------------------------------------------------------------------
      const appraisal = await eventually('the unjustified-delay charge in the appraisal ledger', async () => {
        const answer = await api(`/appraisal?unit=${CG_UNIT}&year=${YEAR}&size=500`);
        const mine = answer.entries.filter(e => e.caseNumber === s.caseNumber);
        return mine.some(e => e.reason === 'OVERDUE_UNJUSTIFIED') ? { answer, mine } : null;
      });
      const { answer, mine } = appraisal;
      console.log(`# appraisal ${CG_UNIT} ${YEAR}: total ${answer.totalPoints} over ${answer.totalEntries} entries; ` +
        `${s.caseNumber}: ${mine.map(e => `${e.reason} ${e.points}`).join(', ')}`);
      assert.ok(answer.totalPoints < 0, `totalPoints ${answer.totalPoints} is negative`);
      assert.deepEqual(mine.map(e => e.reason).sort(), [ 'OVERDUE', 'OVERDUE_UNJUSTIFIED' ],
        `the case's entries: ${JSON.stringify(mine)}`);
      assert.ok(mine.every(e => e.points < 0), `the case's entries cost points: ${JSON.stringify(mine)}`);
    } catch (err) {
      if (s.instanceId) {
        await printInstanceDiagnostics(s.instanceId, s.caseNumber);
      }
      throw err;
    }
  });
