// Browser test: an overdue reply (审核并答复信访人) is chased in the real Tasklist.
//
//   1. A petition is registered (API, reception1), given to 县人社局 (office1) and reported on (hr1)
//      over REST: the reply task waits at the case owner, reception1.
//   2. Its deadline passes. The server's clock cannot be moved from a browser test, so the
//      administrator does what time would do: the task's due date is set to yesterday and the
//      reply's overdue timer (timer_reply_overdue) and its escalation step are run through /engine-rest.
//   3. reception1 finds the task under the filter 已逾期, its card saying 已逾期.
//   4. The leader (head) sees the escalation under the bell (🔔) in the Tasklist header.
//
// Screenshots: target/browser-screenshots/overdue-*.png

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { login } from './helpers.mjs';
import {
  PASSWORD, STEP_TIMEOUT, api, cardVariables, eventually, openFilter, q, rest, searchByBusinessKey, taskCard, testRun
} from './tasklist.mjs';

const RUN = Date.now();
const SUBJECT = `逾期答复测试 ${RUN}`;
const state = {};
const run = testRun({ prefix: 'overdue', describe: () => state });
after(run.closeAll);

async function onlyTask(key, user) {
  return eventually(`task ${key}`, async () => {
    const list = await rest(`/task?processInstanceBusinessKey=${q(state.caseNumber)}&taskDefinitionKey=${key}`,
      user ? { user, password: PASSWORD } : undefined);
    return list.length === 1 ? list[0] : null;
  });
}

/** Runs the job waiting at `activityId` as admin, unless the service's own job executor gets there first. */
async function runJob(activityId) {
  const jobs = await rest(`/job?processInstanceId=${state.instanceId}&activityId=${activityId}`);
  for (const job of jobs) {
    try {
      await rest(`/job/${job.id}/execute`, { method: 'POST' });
    } catch (err) {
      console.log(`# job at ${activityId} ran elsewhere: ${err.message.slice(0, 160)}`);
    }
  }
}

test('an overdue 审核并答复 is under 已逾期 for the case owner and under the bell for the leader',
  { timeout: STEP_TIMEOUT * 2 }, async () => {
    const registered = await api('/petitions', {
      user: 'reception1', password: PASSWORD, method: 'POST',
      body: { channel: 'VISIT', category: 'LABOR', subject: SUBJECT, content: '单位拖欠工资三个月', realName: true,
        headcount: 1, sourceLevel: 'SELF', petitionerName: '逾期测试人',
        petitionerPhone: '139' + String(RUN).slice(-8) }
    });
    state.caseNumber = registered.caseNumber;
    state.instanceId = (await rest(`/process-instance?businessKey=${q(state.caseNumber)}&processDefinitionKey=petition-intake`))[0].id;

    const accept = await onlyTask('task_accept_petition', 'office1');
    await rest(`/task/${accept.id}/complete`, { user: 'office1', password: PASSWORD, method: 'POST', body: { variables: {
      acceptanceDecision: { value: 'ASSIGN', type: 'String' }, handlingUnit: { value: 'unit-hr', type: 'String' },
      acceptanceNote: { value: '交县人社局办理', type: 'String' } } } });
    const handle = await onlyTask('task_handle_petition', 'hr1');
    await rest(`/task/${handle.id}/complete`, { user: 'hr1', password: PASSWORD, method: 'POST', body: { variables: {
      handlingAction: { value: 'REPORT', type: 'String' }, outcome: { value: 'SUPPORT', type: 'String' },
      facts: { value: '欠薪属实', type: 'String' }, reasons: { value: '责令支付', type: 'String' } } } });
    const reply = await onlyTask('task_send_reply');
    assert.equal(reply.assignee, 'reception1', 'the reply waits at the case owner');
    state.replyTaskId = reply.id;

    // what the passing of the deadline does, done by the administrator
    const yesterday = new Date(Date.now() - 86400000).toISOString().replace('Z', '+0000');
    await rest(`/task/${reply.id}`, { method: 'PUT', body: { name: reply.name, assignee: reply.assignee,
      owner: reply.owner, priority: reply.priority, due: yesterday, followUp: reply.followUp,
      description: reply.description, parentTaskId: reply.parentTaskId } });
    await runJob('timer_reply_overdue');
    await eventually('the overdue in the journal', async () => {
      await runJob('service_escalate_reply');
      const journal = await api(`/petitions/${q(state.caseNumber)}`, { user: 'office1', password: PASSWORD });
      return journal.events.some(e => e.eventType === 'OVERDUE');
    });

    const owner = await run.openSession('reception1');
    await run.step(owner, 'owner sees it under 已逾期', async page => {
      await login(page, 'reception1', PASSWORD);
      await openFilter(page, '已逾期');
      await searchByBusinessKey(page, state.caseNumber);
      const card = taskCard(page, state.replyTaskId);
      await card.waitFor();
      const columns = await cardVariables(card);
      assert.match(columns['办理时限'] || '', /已逾期/, `card: ${JSON.stringify(columns)}`);
      await run.shot(page, 'owner-overdue-filter');
    });

    const leader = await run.openSession('head');
    await run.step(leader, 'leader sees the escalation under the bell', async page => {
      await login(page, 'head', PASSWORD);
      const bell = page.locator('li.xf-bell');
      await bell.waitFor();
      await page.locator('li.xf-bell .xf-bell-count').filter({ hasText: /^[1-9]/ }).waitFor();
      await bell.locator('a').first().click();
      const item = page.locator('li.xf-bell a.xf-bell-item').filter({ hasText: state.caseNumber });
      await item.first().waitFor();
      assert.match(await item.first().innerText(), /逾期督办/);
      await run.shot(page, 'leader-bell');
    });
  });
