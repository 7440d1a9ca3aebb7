// Browser test of the administrators' page /admin/flows (流程管理):
//
//   1. a petition is registered (API), so a case runs on the current version of petition-intake;
//   2. the administrator deploys the diagram again, as Camunda Modeler would (POST
//      /engine-rest/deployment/create) — the same file, so every later test runs an identical flow;
//   3. on the page: log in, see petition-intake with its versions and running cases, run the dry
//      run (试迁移: the case listed, nothing moved), then move the cases to the latest version;
//   4. the REST API shows the case on the latest version, with its task and its due date unchanged.
//
// Screenshots: target/browser-screenshots/admin-*.png

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BASE_URL } from './helpers.mjs';
import { PASSWORD, REST_ADMIN, STEP_TIMEOUT, UI_TIMEOUT, api, q, rest, testRun } from './tasklist.mjs';

const RUN = Date.now();
const state = {};
const run = testRun({ prefix: 'admin', describe: () => state });
after(run.closeAll);

async function deployAgain(file) {
  const form = new FormData();
  form.append('deployment-name', `流程管理测试 ${RUN}`);
  form.append('deploy-changed-only', 'false');
  form.append('data', new Blob([ fs.readFileSync(file) ]), file.split('/').pop());
  const response = await fetch(`${BASE_URL}/engine-rest/deployment/create`, {
    method: 'POST', body: form,
    headers: { Authorization: 'Basic ' + Buffer.from(`${REST_ADMIN.user}:${REST_ADMIN.password}`).toString('base64') }
  });
  assert.equal(response.status, 200, await response.text());
}

test('an administrator lists the versions, dry-runs and moves running cases to the latest version',
  { timeout: STEP_TIMEOUT * 2 }, async () => {
    const registered = await api('/petitions', {
      user: 'reception1', password: PASSWORD, method: 'POST',
      body: { channel: 'LETTER', category: 'URBAN', subject: `流程迁移测试 ${RUN}`, content: '小区电梯长期停运',
        realName: true, headcount: 1, sourceLevel: 'SELF', petitionerName: '迁移测试人',
        petitionerPhone: '137' + String(RUN).slice(-8) }
    });
    state.caseNumber = registered.caseNumber;
    const [ instance ] = await rest(`/process-instance?businessKey=${q(state.caseNumber)}&processDefinitionKey=petition-intake`);
    const before = await rest(`/process-definition/${instance.definitionId}`);
    const [ taskBefore ] = await rest(`/task?processInstanceId=${instance.id}`);
    state.fromVersion = before.version;

    await deployAgain('processes/petition-intake.bpmn');
    const latest = await rest('/process-definition/key/petition-intake');
    assert.ok(latest.version > before.version, `a new version (${latest.version} after ${before.version})`);
    state.toVersion = latest.version;

    const session = await run.openSession('admin');
    await run.step(session, 'list, dry run, move', async page => {
      page.on('dialog', dialog => dialog.accept()); // 「…全部迁移到 vN？」
      await page.goto(`${BASE_URL}/admin/flows`);
      await page.locator('#password').fill(REST_ADMIN.password);
      await page.locator('#load').click();
      const row = page.locator('#flows tbody tr').filter({ hasText: '（petition-intake）' });
      await row.getByText(`v${state.toVersion}`, { exact: false }).first().waitFor({ timeout: UI_TIMEOUT });
      await run.shot(page, '01-versions');

      await row.getByRole('button', { name: '试迁移（不改动任何案件）' }).click();
      const result = page.locator('#migration');
      await result.locator('h3').filter({ hasText: '可以迁移，未改动任何案件' }).waitFor({ timeout: UI_TIMEOUT });
      await result.getByText(state.caseNumber).waitFor();
      await run.shot(page, '02-dry-run');
      const [ stillOld ] = await rest(`/process-instance?businessKey=${q(state.caseNumber)}&processDefinitionKey=petition-intake`);
      assert.equal(stillOld.definitionId, instance.definitionId, 'the dry run moved nothing');

      await row.getByRole('button', { name: '迁移到最新版本' }).click();
      await result.locator('h3').filter({ hasText: '已迁移' }).waitFor({ timeout: UI_TIMEOUT });
      await run.shot(page, '03-moved');
    });

    const [ moved ] = await rest(`/process-instance?businessKey=${q(state.caseNumber)}&processDefinitionKey=petition-intake`);
    assert.equal(moved.definitionId, latest.id, 'the case runs on the latest version');
    const [ taskAfter ] = await rest(`/task?processInstanceId=${instance.id}`);
    assert.equal(taskAfter.taskDefinitionKey, taskBefore.taskDefinitionKey);
    assert.equal(taskAfter.due, taskBefore.due, 'the due date is kept');
    const journal = await api(`/petitions/${q(state.caseNumber)}`, { user: 'office1', password: PASSWORD });
    assert.ok(journal.events.some(e => e.eventType === 'FLOW_MIGRATED'), 'the move is in the journal');
  });
