// Browser test of the petitioner's page (/public/cases), on a phone-sized screen (390×844):
//
//   1. a petition is registered over the API (the answer carries the 查询码, as on the receipt) and
//      taken to its reply over the engine's REST API (accepted, handled, replied);
//   2. on the page, a wrong code is refused, the same code guessed again is throttled (尝试过多, 429 with
//      Retry-After); after the wait the right code shows the case at 已答复 with its notices;
//   3. the petitioner evaluates (基本满意), a second evaluation is refused; asks for 复查, the case shows
//      复查中 and the 复查 task waits for the review office; a second request is refused; the journal
//      and the engine hold exactly one of each.
//
// Run against a running service: BASE_URL=http://localhost:8183 node --test browser-tests/public.test.mjs
// Screenshots: target/browser-screenshots/public-*.png
// The page throttles wrong codes per client address too (10 free a hour): this test spends 3 a run.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, screenshot } from './helpers.mjs';
import { PASSWORD, STEP_TIMEOUT, UI_TIMEOUT, api, eventually, q, rest } from './tasklist.mjs';

const RUN = Date.now();
const RUN_ID = `${RUN}-${Math.floor(Math.random() * 1000).toString().padStart(3, '0')}`;
const SUBJECT = `网上查询测试：拖欠工资 ${RUN_ID}`;
const PETITIONER = '查询测试人';
const PHONE = `135${String(RUN).slice(-8)}`;
const MOBILE = { width: 390, height: 844 };

const state = { caseNumber: null, queryCode: null, instanceId: null };
let session;

async function shot(name) {
  try {
    console.log(`# screenshot ${await screenshot(session.page, `public-${name}`)}`);
  } catch (err) {
    console.log(`# screenshot public-${name} failed: ${err.message}`);
  }
}

async function completeAs(user, taskKey, variables) {
  const task = await eventually(`task ${taskKey}`, async () =>
    (await rest(`/task?processInstanceId=${state.instanceId}&taskDefinitionKey=${taskKey}`))[0]);
  const who = { user, password: PASSWORD };
  if (!task.assignee) {
    await rest(`/task/${task.id}/claim`, { ...who, method: 'POST', body: { userId: user } });
  }
  const body = { variables: Object.fromEntries(Object.entries(variables)
    .map(([ k, v ]) => [ k, { value: v, type: 'String' } ])) };
  await rest(`/task/${task.id}/submit-form`, { ...who, method: 'POST', body });
}

before(async () => {
  const created = await api('/petitions', { user: 'reception1', password: PASSWORD, method: 'POST', body: {
    channel: 'ONLINE', category: 'LABOR', subject: SUBJECT, content: `浏览器自动测试（${RUN_ID}）：拖欠工资三个月。`,
    realName: true, headcount: 1, sourceLevel: 'SELF', petitionerName: PETITIONER, petitionerPhone: PHONE
  } });
  state.caseNumber = created.caseNumber;
  state.queryCode = created.queryCode;
  assert.match(state.caseNumber, /^XF-\d{4}-\d{6}$/);
  assert.match(state.queryCode, /^[A-Z0-9]{10}$/);
  const instances = await rest(`/process-instance?businessKey=${q(state.caseNumber)}&processDefinitionKey=petition-intake`);
  state.instanceId = instances[0].id;
  await completeAs('office1', 'task_accept_petition', { acceptanceDecision: 'HANDLE', acceptanceNote: '已受理，由信访室直接办理' });
  await completeAs('office1', 'task_handle_petition', { handlingAction: 'REPORT', outcome: 'EXPLAIN',
    facts: '经核实，工资已于上月结清', reasons: '依据劳动合同约定' });
  await completeAs('reception1', 'task_send_reply', { replyDecision: 'SEND', replyMethod: 'WRITTEN',
    replyText: '已向您书面说明' });
  session = await launchBrowser({ viewport: MOBILE, timeout: UI_TIMEOUT });
  console.log(`# run ${RUN_ID}: case ${state.caseNumber}, ${BASE_URL}`);
});

after(async () => {
  if (session) await session.close();
});

async function tryCode(page, code) {
  await page.getByLabel('信访件编号').fill(state.caseNumber);
  await page.getByLabel('查询码').fill(code);
  const answer = page.waitForResponse(r => r.url().endsWith('/public/api/session'));
  await page.getByRole('button', { name: '查询' }).click();
  return answer;
}

test('1. a wrong code is refused and throttled; the right one shows the case at 已答复', { timeout: STEP_TIMEOUT }, async () => {
  const { page } = session;
  await page.goto(`${BASE_URL}/public/cases`);
  assert.equal(await page.title(), '信访件查询');
  const wrong = state.queryCode.split('').reverse().join('') === state.queryCode ? 'AAAAAAAAAA'
    : state.queryCode.split('').reverse().join('');
  for (let i = 0; i < 3; i++) {
    const response = await tryCode(page, wrong);
    assert.equal(response.status(), 401, `wrong code ${i + 1}`);
    await page.locator('#loginMessage').filter({ hasText: '信访件编号或查询码不正确' }).waitFor();
  }
  // throttled: even the right code waits now
  const throttled = await tryCode(page, state.queryCode);
  assert.equal(throttled.status(), 429);
  const retryAfter = Number(throttled.headers()['retry-after']);
  assert.ok(retryAfter >= 1, `Retry-After ${retryAfter}`);
  await page.locator('#loginMessage').filter({ hasText: '秒后再试' }).waitFor();
  await shot('01-throttled');
  assert.equal(await page.locator('#case').isVisible(), false, 'no case shown');

  await page.waitForTimeout(retryAfter * 1000 + 300);
  const right = await tryCode(page, state.queryCode.toLowerCase());
  assert.equal(right.status(), 200);
  await page.locator('#case').waitFor();
  assert.equal(await page.locator('.stages li.current').innerText(), '已答复');
  const text = await page.locator('#case').innerText();
  for (const expected of [ state.caseNumber, SUBJECT, '答复日期', '登记回执', '受理告知书', '信访处理意见书', '申请复查' ]) {
    assert.ok(text.includes(expected), `the page shows ${expected}`);
  }
  assert.ok(!text.includes('reception1') && !text.includes('office1'), 'no staff account on the page');
  // fits the phone: nothing wider than the screen
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= MOBILE.width, `page width ${width}`);
  // the notice downloads as a PDF
  const [ download ] = await Promise.all([ page.waitForEvent('download'),
    page.getByRole('link', { name: /信访处理意见书/ }).click() ]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  await shot('02-case');
});

test('2. one evaluation and one 复查 request, each recorded once', { timeout: STEP_TIMEOUT }, async () => {
  const { page } = session;
  await page.getByLabel('基本满意').check();
  await page.getByLabel(/评价意见/).fill('答复清楚');
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.locator('#evaluationState').filter({ hasText: '您已评价：基本满意' }).waitFor();
  assert.equal(await page.locator('#evaluationForm').isVisible(), false);
  // a second evaluation, as a script would send it, is refused
  const second = await page.evaluate(async () => {
    const c = await (await fetch('/public/api/case')).json();
    const r = await fetch('/public/api/evaluation', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrfToken },
      body: JSON.stringify({ result: 'SATISFIED', comment: '' }) });
    return { status: r.status, detail: (await r.json()).detail };
  });
  assert.equal(second.status, 409);
  assert.match(second.detail, /只能评价一次/);

  await page.getByLabel('复查理由').fill('对说明不服，申请复查');
  await page.getByRole('button', { name: '提交复查申请' }).click();
  await page.locator('#reviewMessage').filter({ hasText: '复查申请已提交' }).waitFor();
  assert.equal(await page.locator('.stages li.current').innerText(), '复查中');
  assert.equal(await page.locator('#review').isVisible(), false);
  const again = await page.evaluate(async () => {
    const c = await (await fetch('/public/api/case')).json();
    const r = await fetch('/public/api/review', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrfToken },
      body: JSON.stringify({ note: '再申请一次' }) });
    return r.status;
  });
  assert.equal(again, 409);
  await shot('03-reviewing');

  const reviewTasks = await rest(`/task?processInstanceId=${state.instanceId}&taskDefinitionKey=task_decide_review`);
  assert.equal(reviewTasks.length, 1, 'one 复查 task');
  const file = await api(`/cases/${q(state.caseNumber)}`, { user: 'office1', password: PASSWORD });
  const whats = file.timeline.map(t => t.what);
  assert.equal(whats.filter(w => w === '申请复查').length, 1, `journal: ${whats.join(', ')}`);
  assert.equal(whats.filter(w => w === '信访人评价').length, 1, `journal: ${whats.join(', ')}`);
});
