// Browser test of the case file (卷宗), the receipt and case search, in the real Chinese Tasklist:
//
//   1. reception1 registers a petition with the Tasklist start form and sees the case number at
//      once (the notice of xinfang-ui.js), opens the registration receipt with its 查询码 and prints
//      it (print media emulated, screenshot), then uploads a photo on the case file page;
//   2. reception1 finds the case in 案件查询 under 我登记的 before any task reaches them;
//   3. office1 assigns the case to 县人力资源和社会保障局 (over the REST API, as the intake test
//      already drives that form), and hr1 opens 调查处理 in Tasklist, follows the form's link to the
//      case file and reads the whole petition and downloads its attachment;
//   4. an outsider (health1) opening the case file's address learns nothing about the case.
//
// Run (by the lead, against a running service): BASE_URL=http://localhost:8080 node --test browser-tests/casefile.test.mjs
// Screenshots: target/browser-screenshots/casefile-*.png

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, login } from './helpers.mjs';
import {
  PASSWORD, STEP_TIMEOUT, UI_TIMEOUT, eventually, fillForm, openStartForm, q, rest, submitStartForm, testRun
} from './tasklist.mjs';

const PROCESS_KEY = 'petition-intake';
const PROCESS_NAME = '首问负责：信访件登记受理与办理';
const RUN = Date.now();
const RUN_ID = `${RUN}-${Math.floor(Math.random() * 1000).toString().padStart(3, '0')}`;
const SUBJECT = `卷宗测试：拖欠工资 ${RUN_ID}`;
const CONTENT = `浏览器自动测试（${RUN_ID}）：某公司拖欠三个月工资共计 12000 元，请求协调支付。`;
const PHONE = `137${String(RUN).slice(-8)}`;
const PETITIONER = '卷宗测试人';
/** A one-pixel PNG, uploaded as the petitioner's photo of the pay slip. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64');

const state = { caseNumber: null, instanceId: null, queryCode: null };
const run = testRun({ prefix: 'casefile', describe: () => ({ state, subject: SUBJECT }) });
const { openSession, shot, step } = run;

before(async () => {
  const definitions = await rest(`/process-definition?key=${q(PROCESS_KEY)}&latestVersion=true`).catch(err => {
    throw new Error(`service at ${BASE_URL} not reachable or REST login failed: ${err.message}`);
  });
  assert.equal(definitions.length, 1, `process ${PROCESS_KEY} is deployed`);
  console.log(`# run ${RUN_ID}: subject "${SUBJECT}", ${BASE_URL}`);
});

after(run.closeAll);

test('1. reception1 registers, sees the number at once, prints the receipt and uploads a photo',
  { timeout: STEP_TIMEOUT }, async () => {
    const session = await openSession('reception1');
    const { page } = session;

    await step(session, 'register', async () => {
      await login(page, 'reception1', PASSWORD);
      const modal = await openStartForm(page, PROCESS_NAME, { search: '首问负责', waitForField: '信访事项（摘要）' });
      await fillForm(page, modal, {
        selects: { '信访渠道': '来访', '信访类别': '劳动社保' },
        texts: { '信访人姓名': PETITIONER, '联系电话': PHONE, '信访事项（摘要）': SUBJECT, '信访内容': CONTENT }
      });
      await submitStartForm(page, modal);
      const notice = page.locator('.xf-registered');
      await notice.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      state.caseNumber = (await notice.locator('.xf-registered-number').innerText()).trim();
      assert.match(state.caseNumber, /^XF-\d{4}-\d{6}$/, 'the notice shows the case number');
      const instances = await rest(`/process-instance?businessKey=${q(state.caseNumber)}&processDefinitionKey=${PROCESS_KEY}`);
      assert.equal(instances.length, 1, 'the number shown is the new case');
      state.instanceId = instances[0].id;
      await shot(page, '01-number-at-once');
    });

    await step(session, 'receipt', async () => {
      const [ receipt ] = await Promise.all([
        page.context().waitForEvent('page'),
        page.locator('.xf-registered a').filter({ hasText: '打印登记回执' }).click()
      ]);
      await receipt.locator('#receipt-case-number').waitFor({ timeout: UI_TIMEOUT });
      assert.equal((await receipt.locator('#receipt-case-number').innerText()).trim(), state.caseNumber);
      state.queryCode = (await receipt.locator('#query-code').innerText()).trim();
      assert.match(state.queryCode, /^[ACDEFGHJKMNPQRTUVWXY34679]{10}$/, 'the receipt shows a 10-character query code');
      await receipt.emulateMedia({ media: 'print' });
      await shot(receipt, '02-receipt-print');
      await receipt.emulateMedia({ media: 'screen' });
      // shown once: a reload no longer has it
      await receipt.reload();
      await receipt.locator('#query-code-hint').waitFor({ timeout: UI_TIMEOUT });
      assert.equal(await receipt.locator('#query-code').count(), 0, 'the query code is not shown a second time');
      await receipt.close();
    });

    await step(session, 'upload', async () => {
      await page.goto(`${BASE_URL}/cases/${state.caseNumber}`);
      await page.locator('#attachment-file').setInputFiles({ name: '工资条.png', mimeType: 'image/png', buffer: PNG });
      await page.locator('#upload').click();
      await page.locator('#attachments a').filter({ hasText: '工资条.png' }).waitFor({ timeout: UI_TIMEOUT });
      await page.locator('#timeline').filter({ hasText: '上传附件' }).waitFor();
      await shot(page, '03-case-file-with-attachment');
    });
  });

test('2. reception1 finds the case in 案件查询 under 我登记的 before any task reaches them',
  { timeout: STEP_TIMEOUT }, async t => {
    if (!state.caseNumber) {
      t.skip('no registered petition (step 1 failed)');
      return;
    }
    const session = await openSession('reception1-search');
    const { page } = session;
    await step(session, 'search', async () => {
      await login(page, 'reception1', PASSWORD);
      await page.goto(`${BASE_URL}/cases`);
      await page.locator('input[name="mine"]').check();
      await page.locator('input[name="subject"]').fill(RUN_ID);
      await page.locator('#search-button').click();
      const row = page.locator('#result-table a').filter({ hasText: state.caseNumber });
      await row.waitFor({ timeout: UI_TIMEOUT });
      await page.locator('#search-summary').filter({ hasText: /共 1 件/ }).waitFor({ timeout: UI_TIMEOUT });
      assert.match(await page.locator('#search-summary').innerText(), /共 1 件/);
      await shot(page, '04-search-mine');
    });
  });

test('3. hr1 opens 调查处理, follows the link to the case file and reads the petition and its attachment',
  { timeout: STEP_TIMEOUT }, async t => {
    if (!state.instanceId) {
      t.skip('no registered petition (step 1 failed)');
      return;
    }
    const accept = await eventually('task 受理审查与分办', async () =>
      (await rest(`/task?processInstanceId=${state.instanceId}&taskDefinitionKey=task_accept_petition`))[0]);
    const office1 = { user: 'office1', password: PASSWORD };
    await rest(`/task/${accept.id}/claim`, { ...office1, method: 'POST', body: { userId: 'office1' } });
    await rest(`/task/${accept.id}/submit-form`, { ...office1, method: 'POST', body: { variables: {
      acceptanceDecision: { value: 'ASSIGN', type: 'String' },
      handlingUnit: { value: 'unit-hr', type: 'String' },
      acceptanceNote: { value: `已受理，交县人力资源和社会保障局办理（${RUN_ID}）`, type: 'String' }
    } } });
    const handle = await eventually('task 调查处理', async () =>
      (await rest(`/task?processInstanceId=${state.instanceId}&taskDefinitionKey=task_handle_petition`))[0]);

    const session = await openSession('hr1');
    const { page } = session;
    await step(session, 'open-task', async () => {
      await login(page, 'hr1', PASSWORD);
      await page.goto(`${BASE_URL}/camunda/app/tasklist/default/#/?task=${handle.id}`);
      const link = page.locator('[cam-tasklist-task] form.fjs-form a').filter({ hasText: '打开卷宗' });
      await link.waitFor({ timeout: UI_TIMEOUT });
      const summary = await page.locator('[cam-tasklist-task] form.fjs-form').innerText();
      assert.ok(summary.includes(CONTENT), 'the task form shows the petition content');
      assert.equal(await link.getAttribute('href'), `/cases/${state.caseNumber}`);
      await shot(page, '05-handle-task-with-link');
      await page.goto(`${BASE_URL}${await link.getAttribute('href')}`);
    });
    await step(session, 'read-case-file', async () => {
      await page.locator('#content').waitFor({ timeout: UI_TIMEOUT });
      assert.equal((await page.locator('#content').innerText()).trim(), CONTENT);
      assert.ok((await page.locator('#petition').innerText()).includes(PETITIONER));
      const file = page.locator('#attachments a').filter({ hasText: '工资条.png' });
      const response = await page.request.get(`${BASE_URL}${await file.getAttribute('href')}`);
      assert.equal(response.status(), 200);
      assert.deepEqual(Buffer.from(await response.body()), PNG, 'hr1 downloads the photo reception1 uploaded');
      assert.ok((await page.locator('#deadlines').innerText()).includes('调查处理'), 'the handling deadline is listed');
      await shot(page, '06-case-file-hr1');
    });
  });

test('4. an outsider learns nothing about the case from its address', { timeout: STEP_TIMEOUT }, async t => {
  if (!state.caseNumber) {
    t.skip('no registered petition (step 1 failed)');
    return;
  }
  const session = await openSession('health1');
  const { page } = session;
  await step(session, 'outsider', async () => {
    await login(page, 'health1', PASSWORD);
    await page.goto(`${BASE_URL}/cases/${state.caseNumber}`);
    await page.locator('main .error').waitFor({ timeout: UI_TIMEOUT });
    const text = await page.locator('main').innerText();
    assert.match(text, /无权查看/);
    assert.ok(!text.includes(SUBJECT) && !text.includes(PETITIONER), 'nothing of the case is shown');
    await shot(page, '07-outsider');
  });
});
