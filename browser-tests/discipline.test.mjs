// Browser journey: one discipline lead (问题线索处置, process discipline-lead) through 初核 (初步核实)
// to the real-name feedback, every step in the real Tasklist, then the audited reveal on the case file.
//
//   1. reception1 registers a real-name 检举控告 (API, as the window's other channels do);
//      office1 accepts it in Tasklist (受理审查与分办 → 本机关直接办理): the intake calls discipline-lead.
//   2. investigator1 (县纪委核查组) claims 线索初查分析 under 本组待办 and first names an investigator
//      from the reported unit (县自然资源局): the Tasklist shows the server's 回避 refusal and the task
//      stays; then 县纪委核查组 with 罗斌 (主办) and 唐敏 (协办), 初步核实 with a plan.
//   3. discleader (县纪委领导) approves (审批线索处置意见).
//   4. investigator1 finds 初步核实 under 我的待办 (assigned as 主办人) and files the 初核情况报告.
//   5. discoffice1 (县纪委信访室) gives 向实名检举人反馈处理情况; the lead and the intake end, the case is 已归档.
//   6. discleader opens the case file, gives a reason and presses 查看检举人身份（留痕）: the identity shows,
//      and the timeline says who looked and why. land1 (the reported unit) cannot open the case file.
//
// Run: BASE_URL=http://localhost:8185 node --test browser-tests/discipline.test.mjs
// Screenshots: target/browser-screenshots/discipline-*.png

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { login, url } from './helpers.mjs';
import {
  PASSWORD, STEP_TIMEOUT, api, claimOpenTask, completeOpenTask, eventually, fillForm, formField, openFilter, q, radioOption,
  rest, searchByBusinessKey, taskCard, testRun
} from './tasklist.mjs';

const RUN = Date.now();
const R = {
  subject: `举报县自然资源局违规审批用地 ${RUN}`,
  content: '县自然资源局某副局长在2025年为亲属违规审批宅基地两处，并收受好处费。',
  reporter: '周检举',
  phone: '135' + String(RUN).slice(-8)
};
const state = { taskIds: {} };
const run = testRun({ prefix: 'discipline', describe: () => state });
after(run.closeAll);

async function loginToTasklist(page, user) {
  await login(page, user, PASSWORD);
  await page.locator('[cam-tasklist-filters] .task-filter').filter({ hasText: '本组待办' }).first().waitFor();
}

async function waitForTask(processKey, key) {
  return eventually(`task ${key}`, async () =>
    (await rest(`/task?processInstanceBusinessKey=${q(state.caseNumber)}&processDefinitionKey=${processKey}`
      + `&taskDefinitionKey=${key}`))[0]);
}

/** The analysis form's values, with the given 主办人 (an option's text). */
function analysis(leadInvestigator) {
  return {
    selects: { '被反映人所在单位': '县自然资源局', '承办单位': '县纪委核查组', '主办人': leadInvestigator,
      '协办人': '唐敏（县纪委核查组）' },
    texts: { '被反映人（姓名及职务）': '吴某（县自然资源局副局长）',
      '初查分析意见（线索初查分析会）': '反映内容具体，涉及审批宅基地两处，有可查性，拟初步核实。',
      '初步核实方案': '调取2025年宅基地审批档案，询问经办人员和申请人。' }
  };
}

async function openTask(page, filter, taskId, name) {
  await openFilter(page, filter);
  await searchByBusinessKey(page, state.caseNumber);
  const card = taskCard(page, taskId);
  await card.locator('.clickable').first().click();
  const task = page.locator('[cam-tasklist-task]');
  await task.locator('.names').filter({ hasText: name }).first().waitFor();
  return task;
}

test('a real-name discipline lead goes through 初步核实 to the feedback in Tasklist; the reveal is audited',
  { timeout: STEP_TIMEOUT * 4 }, async () => {
    const registered = await api('/petitions', {
      user: 'reception1', password: PASSWORD, method: 'POST',
      body: { channel: 'LETTER', category: 'DISCIPLINE', subject: R.subject, content: R.content, realName: true,
        headcount: 1, sourceLevel: 'SELF', petitionerName: R.reporter, petitionerPhone: R.phone }
    });
    state.caseNumber = registered.caseNumber;
    console.log(`# registered ${state.caseNumber}`);
    let session = await run.openSession('office1');
    let page = session.page;
    let task;

    // 1. acceptance: 本机关直接办理 starts the lead
    state.taskIds.accept = (await waitForTask('petition-intake', 'task_accept_petition')).id;
    await run.step(session, 'office1-accept', async () => {
      await loginToTasklist(page, 'office1');
      task = await openTask(page, '本组待办', state.taskIds.accept, '受理审查与分办');
      await claimOpenTask(page, state.taskIds.accept, 'office1', { waitForField: '受理意见' });
      await radioOption(task, '受理意见', '本机关直接办理').check();
      await fillForm(page, task, { texts: { '告知信访人内容': '您的检举已受理，转县纪委按问题线索处置。' } });
      await completeOpenTask(page, state.taskIds.accept);
    });
    await session.close();

    // 2. analysis, with a refused recusal first
    const analyse = await waitForTask('discipline-lead', 'task_analyse_lead');
    state.taskIds.analyse = analyse.id;
    state.leadId = analyse.processInstanceId;
    session = await run.openSession('investigator1');
    page = session.page;
    await run.step(session, 'investigator1-analyse', async () => {
      await loginToTasklist(page, 'investigator1');
      task = await openTask(page, '本组待办', state.taskIds.analyse, '线索初查分析');
      await claimOpenTask(page, state.taskIds.analyse, 'investigator1', { waitForField: '被反映人（姓名及职务）' });
      const summary = await task.locator('.fjs-form-field-html').first().innerText();
      assert.ok(summary.includes('实名举报（检举人身份保密）'), `the summary keeps the reporter secret: ${summary}`);
      assert.ok(!summary.includes(R.reporter) && !summary.includes(R.phone), 'no identity in the form');
      await radioOption(task, '处置方式', '初步核实').check();
      await fillForm(page, task, analysis('何平（县自然资源局）'));
      await run.shot(page, '1-analysis-filled-with-reported-unit-investigator');
      await assert.rejects(completeOpenTask(page, state.taskIds.analyse), /提交任务表单时出错|回避/);
      // the refusal is shown in Chinese under the field it concerns (or on top when it concerns none)
      const refusal = page.locator('.xf-server-error, .notifications .alert-danger');
      await refusal.first().waitFor();
      const refusalText = (await refusal.allInnerTexts()).join(' ');
      assert.match(refusalText, /回避/, `the recusal is named: ${refusalText}`);
      await run.shot(page, '2-recusal-refused');
      assert.equal((await rest(`/task?taskId=${state.taskIds.analyse}`)).length, 1, 'the analysis stays open');
      // after a refused completion the Tasklist keeps the form without its option lists: open the task
      // afresh (nothing of the refused attempt was stored) and fill it in with the case group's people
      await page.reload();
      task = page.locator('[cam-tasklist-task]');
      await task.locator('.names').filter({ hasText: '线索初查分析' }).first().waitFor();
      await formField(task, '被反映人（姓名及职务）').waitFor();
      await page.waitForTimeout(1000);
      await radioOption(task, '处置方式', '初步核实').check();
      await fillForm(page, task, analysis('罗斌（县纪委核查组）'));
      await completeOpenTask(page, state.taskIds.analyse);
    });
    await session.close();

    // 3. the commission's leader approves
    state.taskIds.approve = (await waitForTask('discipline-lead', 'task_approve_disposal')).id;
    session = await run.openSession('discleader');
    page = session.page;
    await run.step(session, 'discleader-approve', async () => {
      await loginToTasklist(page, 'discleader');
      task = await openTask(page, '本组待办', state.taskIds.approve, '审批线索处置意见');
      await claimOpenTask(page, state.taskIds.approve, 'discleader', { waitForField: '审批意见' });
      const shown = await task.locator('.fjs-form-field-html').nth(1).innerText();
      assert.ok(shown.includes('初步核实') && shown.includes('罗斌'), `the disposal to approve: ${shown}`);
      await radioOption(task, '审批意见', '同意，按拟定方式处置').check();
      await fillForm(page, task, { texts: { '审批说明': '同意初步核实，注意保密。' } });
      await run.shot(page, '3-approval');
      await completeOpenTask(page, state.taskIds.approve);
    });
    await session.close();

    // 4. 初步核实 by the named investigator
    const verify = await waitForTask('discipline-lead', 'task_verify_lead');
    assert.equal(verify.assignee, 'investigator1', 'the 主办人 has the verification');
    state.taskIds.verify = verify.id;
    session = await run.openSession('investigator1');
    page = session.page;
    await run.step(session, 'investigator1-verify', async () => {
      await loginToTasklist(page, 'investigator1');
      task = await openTask(page, '我的待办', state.taskIds.verify, '初步核实');
      await task.locator('form.fjs-form').waitFor();
      await page.waitForTimeout(1000);
      await radioOption(task, '初核结论', '部分属实，建议谈话提醒或诫勉').check();
      await fillForm(page, task, { texts: { '初核情况报告': '经调取档案，审批两处宅基地属实，收受好处费无证据支持。' } });
      await run.shot(page, '4-verification-report');
      await completeOpenTask(page, state.taskIds.verify);
    });
    await session.close();

    // 5. the real-name feedback
    state.taskIds.feedback = (await waitForTask('discipline-lead', 'task_realname_feedback')).id;
    session = await run.openSession('discoffice1');
    page = session.page;
    await run.step(session, 'discoffice1-feedback', async () => {
      await loginToTasklist(page, 'discoffice1');
      task = await openTask(page, '本组待办', state.taskIds.feedback, '向实名检举人反馈处理情况');
      await claimOpenTask(page, state.taskIds.feedback, 'discoffice1', { waitForField: '告知内容' });
      const outcome = await task.locator('.fjs-form-field-html').nth(1).innerText();
      assert.ok(outcome.includes('初步核实：部分属实'), `the feedback task shows the result: ${outcome}`);
      await radioOption(task, '反馈方式', '电话告知').check();
      await fillForm(page, task, { texts: { '告知内容': '您反映的问题已经初步核实，部分属实，已依规处理。' } });
      await run.shot(page, '5-feedback');
      await completeOpenTask(page, state.taskIds.feedback);
    });
    await session.close();

    await eventually('the lead and the intake to end', async () =>
      (await rest(`/process-instance?businessKey=${q(state.caseNumber)}`)).length === 0);
    const file = await api(`/cases/${q(state.caseNumber)}`, { user: 'discleader', password: PASSWORD });
    assert.equal(file.status, 'ARCHIVED');
    const types = file.timeline.map(t => `${t.type}/${t.actor}`);
    for (const expected of [ 'LEAD_ANALYSED/investigator1', 'LEAD_APPROVED/discleader', 'LEAD_VERIFIED/investigator1',
      'REALNAME_FEEDBACK/discoffice1' ]) {
      assert.ok(types.includes(expected), `journal has ${expected}: ${types.join(', ')}`);
    }
    await assert.rejects(api(`/cases/${q(state.caseNumber)}`, { user: 'land1', password: PASSWORD }), /HTTP 404/);

    // 6. the audited reveal on the case file
    session = await run.openSession('discleader');
    page = session.page;
    await run.step(session, 'discleader-reveal', async () => {
      await loginToTasklist(page, 'discleader');
      await page.goto(url(`/cases/${state.caseNumber}`));
      await page.locator('#reveal-reporter').waitFor();
      assert.ok(!(await page.locator('#petition').innerText()).includes(R.reporter), 'masked before the reveal');
      await page.locator('#reveal-reason').fill('需约见检举人补充线索');
      await page.locator('#reveal-reporter').click();
      await page.locator('#reveal-result').filter({ hasText: R.reporter }).waitFor();
      await page.locator('#timeline').filter({ hasText: '查看检举人身份' }).waitFor();
      const timeline = await page.locator('#timeline').innerText();
      assert.ok(timeline.includes('需约见检举人补充线索'), 'the reason is on the timeline');
      assert.ok(!timeline.includes(R.reporter), 'the timeline does not show the identity');
      await run.shot(page, '6-reveal-audited');
    });
  });
