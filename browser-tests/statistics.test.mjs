// Browser test of 统计分析 (/statistics), the page of issue 14 item 1:
//
//   1. a few petitions are registered (reception1, over /api) with different channels, categories and source
//      levels, and most are accepted and assigned to units by office1 (over the engine's REST API, as the
//      accept form does), so the page has figures of its own run;
//   2. office1 logs in to the Chinese Tasklist, finds the 统计分析 link in the header, opens /statistics and
//      sees the unit table with its 合计 row, the period table, and the ECharts charts drawn (canvas, from
//      the jar's webjar: no CDN); the figures agree with GET /api/statistics;
//   3. hr1 (a unit) opening the page sees only its own unit.
//
// Run (against a running service): BASE_URL=http://localhost:8182 node --test browser-tests/statistics.test.mjs
// (STATS_YEAR=2025 takes the README's picture of that year, e.g. on the database bench/statistics.sh filled.)
// Screenshots: target/browser-screenshots/statistics-*.png; the README's picture docs/images/screens/statistics.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, login } from './helpers.mjs';
import { PASSWORD, STEP_TIMEOUT, UI_TIMEOUT, api, eventually, q, rest, testRun } from './tasklist.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUN_ID = `${Date.now()}`.slice(-6);
const office1 = { user: 'office1', password: PASSWORD };
const run = testRun({ prefix: 'statistics', describe: () => ({ run: RUN_ID }) });
const { openSession, shot, step } = run;

const CASES = [
  ['VISIT', 'LABOR', 'SELF', 'unit-hr'], ['LETTER', 'LABOR', 'SELF', 'unit-hr'], ['PHONE', 'HEALTH', 'COUNTY', 'unit-health'],
  ['ONLINE', 'LAND', 'SELF', 'unit-land'], ['VISIT', 'LAND', 'PREFECTURE', 'unit-chengguan'],
  ['LETTER', 'URBAN', 'SELF', 'unit-housing'], ['ONLINE', 'URBAN', 'SELF', 'unit-qiaotou'], ['VISIT', 'OTHER', 'SELF', null],
  ['EMAIL', 'PERSONNEL', 'PROVINCE', 'unit-shanxia'], ['LETTER', 'LABOR', 'SELF', null]
];

before(async () => {
  await rest('/process-definition?key=petition-intake&latestVersion=true').catch(err => {
    throw new Error(`service at ${BASE_URL} not reachable or REST login failed: ${err.message}`);
  });
  let i = 0;
  for (const [channel, category, sourceLevel, unit] of CASES) {
    i++;
    const registered = await api('/petitions', {
      user: 'reception1', password: PASSWORD, method: 'POST',
      body: { channel, category, subject: `统计页测试 ${RUN_ID}-${i}`, content: '浏览器自动测试：统计分析页面的数据',
        realName: true, headcount: 1, sourceLevel, petitionerName: '统计测试人', petitionerPhone: `1370000${RUN_ID.slice(-3)}${i % 10}`,
        petitionerAddress: '城关镇人民路 1 号' }
    });
    if (!unit) continue;
    const instances = await rest(`/process-instance?businessKey=${q(registered.caseNumber)}&processDefinitionKey=petition-intake`);
    const accept = await eventually('task 受理审查与分办', async () =>
      (await rest(`/task?processInstanceId=${instances[0].id}&taskDefinitionKey=task_accept_petition`))[0]);
    await rest(`/task/${accept.id}/claim`, { ...office1, method: 'POST', body: { userId: 'office1' } });
    await rest(`/task/${accept.id}/submit-form`, { ...office1, method: 'POST', body: { variables: {
      acceptanceDecision: { value: 'ASSIGN', type: 'String' },
      handlingUnit: { value: unit, type: 'String' },
      acceptanceNote: { value: `已受理（统计页测试 ${RUN_ID}）`, type: 'String' }
    } } });
  }
});

after(run.closeAll);

test('office1 opens 统计分析 from the Tasklist header and sees tables and charts', { timeout: STEP_TIMEOUT }, async () => {
  const session = await openSession('office1');
  const { page } = session;
  await step(session, 'header-link', async () => {
    await login(page, 'office1', PASSWORD);
    const link = page.locator('[cam-widget-header] li.xf-statistics a');
    await link.waitFor({ timeout: UI_TIMEOUT });
    assert.equal((await link.innerText()).trim(), '统计分析');
    assert.equal(await link.getAttribute('href'), '/statistics');
  });
  await step(session, 'page', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${BASE_URL}/statistics?period=month`);
    await page.locator('body[data-loaded="true"]').waitFor({ timeout: UI_TIMEOUT });
    const report = await api(`/statistics?from=${await page.inputValue('input[name=from]')}&to=${await page.inputValue('input[name=to]')}`
      + '&period=month', office1);
    // the unit table: a row per unit in the report and the 合计 row with the same total
    const rows = page.locator('#unit-table tbody tr');
    assert.equal(await rows.count(), report.byUnit.length + 1);
    const total = page.locator('#unit-table tbody tr.total td');
    assert.equal((await total.nth(0).innerText()).trim(), '合计');
    assert.equal((await total.nth(2).innerText()).trim(), String(report.total.registrations));
    assert.ok(report.total.registrations >= CASES.length, 'this run\'s registrations are counted');
    assert.ok(await page.locator('#unit-table').innerText().then(t => t.includes('县人力资源和社会保障局')));
    // the period table and the charts, drawn by ECharts from the jar
    assert.equal(await page.locator('#period-table tbody tr').count(), report.byPeriod.length);
    assert.equal(await page.evaluate(() => typeof window.echarts), 'object');
    for (const id of ['unit-chart', 'period-chart', 'chart-channel', 'chart-category']) {
      await page.locator(`#${id} canvas`).first().waitFor({ timeout: UI_TIMEOUT });
    }
    const channelRows = await page.locator('#count-channel tr').count();
    assert.equal(channelRows, report.counts.channel.length);
    assert.ok(await page.locator('#definitions').innerText().then(t => t.includes('按期办结率')));
    await page.waitForTimeout(800); // the charts' entry animation
    await shot(page, '01-page');
    // the README's picture: this year, or a year with more figures (STATS_YEAR=2025 against the benchmark's database)
    if (process.env.STATS_YEAR) {
      const year = process.env.STATS_YEAR;
      await page.goto(`${BASE_URL}/statistics?from=${year}-01-01&to=${year}-12-31&period=month`);
      await page.locator('body[data-loaded="true"]').waitFor({ timeout: UI_TIMEOUT * 4 });
      assert.ok((await page.locator('#unit-table tbody tr').count()) > 1, `figures of ${year}`);
      await page.waitForTimeout(800);
    }
    await page.screenshot({ path: path.join(ROOT, 'docs', 'images', 'screens', 'statistics.png'), fullPage: true });
  });
});

test('hr1 (a unit) sees only its own unit on the page', { timeout: STEP_TIMEOUT }, async () => {
  const session = await openSession('hr1');
  const { page } = session;
  await step(session, 'own-unit', async () => {
    await login(page, 'hr1', PASSWORD);
    await page.goto(`${BASE_URL}/statistics`);
    await page.locator('body[data-loaded="true"]').waitFor({ timeout: UI_TIMEOUT });
    const names = await page.locator('#unit-table tbody tr:not(.total) td:first-child').allInnerTexts();
    assert.deepEqual(names.map(n => n.trim()), ['县人力资源和社会保障局']);
    const options = await page.locator('#unit-picker option').allInnerTexts();
    assert.ok(!options.some(o => o.includes('县自然资源局')), 'no other unit to pick');
    // asking for another unit by address: the page shows the API's refusal
    await page.goto(`${BASE_URL}/statistics?unit=unit-land`);
    await eventually('refusal shown', async () => (await page.locator('#stats-error').innerText()).includes('无权查看'));
    await shot(page, '02-unit-refused');
  });
});
