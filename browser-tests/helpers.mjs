// Shared helpers for the browser tests (node --test browser-tests/).
//
// Drives Debian's Chromium (/usr/bin/chromium, `apt-get install -y chromium
// fonts-wqy-microhei`; installed automatically when missing and running as
// root, see tools/chromium.mjs) through playwright-core; no browser is downloaded.
//
//   import { launchBrowser, login, logout, screenshot, url } from './helpers.mjs';
//
//   const session = await launchBrowser();
//   try {
//     await login(session.page, 'demo', 'demo');
//     await screenshot(session.page, 'tasklist-after-login');
//   } finally {
//     await session.close();
//   }
//
// Environment:
//   BASE_URL       service under test (default http://localhost:8080)
//   CHROMIUM_PATH  browser binary (default /usr/bin/chromium)
//   HEADED=1       show the browser window (needs a display)

import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from '../tools/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BASE_URL = (process.env.BASE_URL || 'http://localhost:8080').replace(/\/+$/, '');
export const SCREENSHOT_DIR = path.join(ROOT, 'target', 'browser-screenshots');

export { CHROMIUM_ARGS, CHROMIUM_PATH };

export const TASKLIST_PATH = '/camunda/app/tasklist/';

/** Absolute URL for a path on the service under test. */
export function url(pathname = '/') {
  if (/^https?:\/\//.test(pathname)) {
    return pathname;
  }
  return BASE_URL + (pathname.startsWith('/') ? pathname : '/' + pathname);
}

/**
 * Starts Chromium with a fresh, empty user-data-dir (one browser process per
 * session, so two sessions never share cookies: use one per user).
 *
 * @param {object} [options]
 * @param {{width:number,height:number}} [options.viewport] default 1366x900
 * @param {string} [options.locale] default zh-CN
 * @param {number} [options.timeout] default action/navigation timeout, ms (30000)
 * @returns {Promise<{context: import('playwright-core').BrowserContext,
 *                    page: import('playwright-core').Page,
 *                    userDataDir: string,
 *                    consoleErrors: string[],
 *                    close: () => Promise<void>}>}
 */
export async function launchBrowser(options = {}) {
  const headed = process.env.HEADED === '1';
  ensureChromium();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'xinfang-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: !headed,
      args: headed ? CHROMIUM_ARGS.filter(a => a !== '--headless') : CHROMIUM_ARGS,
      baseURL: BASE_URL,
      viewport: options.viewport || { width: 1366, height: 900 },
      locale: options.locale || 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`could not start Chromium at ${CHROMIUM_PATH} ` +
      `(apt-get install -y chromium fonts-wqy-microhei): ${err.message}`);
  }
  context.setDefaultTimeout(options.timeout || 30000);
  context.setDefaultNavigationTimeout(options.timeout || 30000);

  const page = context.pages()[0] || await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', err => consoleErrors.push(String(err)));
  page.on('console', msg => {
    if (msg.type() === 'error') {
      consoleErrors.push(msg.text());
    }
  });

  let closed = false;
  return {
    context,
    page,
    userDataDir,
    consoleErrors,
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    }
  };
}

/**
 * Logs into Camunda 7 Tasklist (/camunda/app/tasklist/) and waits until the
 * login form is gone and the account menu shows. Throws with the page's
 * message on bad credentials.
 *
 * Note: after a failed login Camunda locks that user for a few seconds
 * (3 s, doubling per further failure, up to 60 s): a test of a wrong
 * password should use a user no other test logs in as.
 *
 * @param {string} [options.path] another webapp, e.g. '/camunda/app/cockpit/'
 */
export async function login(page, user, password, { path: appPath = TASKLIST_PATH } = {}) {
  await page.goto(url(appPath));

  const form = page.locator('form[name="signinForm"]');
  // placeholders are translated when a webapp locale other than English is configured
  const username = page.getByPlaceholder('Username').or(form.locator('input[type="text"]'));
  const passwordField = page.getByPlaceholder('Password').or(form.locator('input[type="password"]'));
  const submit = page.getByRole('button', { name: 'Log in' }).or(form.locator('button[type="submit"]'));

  await username.waitFor({ state: 'visible' });
  // the login page may still be settling (Angular re-renders it once): fill, read back, fill again if a
  // value landed in the wrong field (seen once as "office1demo" in the user name)
  for (let attempt = 0; ; attempt++) {
    await username.fill(user);
    await passwordField.fill(password);
    if ((await username.inputValue()) === user && (await passwordField.inputValue()) === password) {
      break;
    }
    if (attempt >= 4) {
      throw new Error(`login page for "${user}": the user name and password fields did not keep their values`);
    }
    await page.waitForTimeout(300);
  }

  // an earlier failed attempt leaves its message on the page: wait for a new one
  const failed = page.locator('.notifications .alert-danger, .notifications .alert-error');
  const failedBefore = await failed.count();
  await submit.click();

  const outcome = await Promise.race([
    form.waitFor({ state: 'detached' }).then(() => 'ok'),
    failed.nth(failedBefore).waitFor({ state: 'visible' }).then(() => 'failed')
  ]);
  if (outcome === 'failed') {
    const text = (await failed.nth(failedBefore).innerText()).replace(/\s+/g, ' ').replace(/^×\s*/, '').trim();
    throw new Error(`login as "${user}" failed: ${text}`);
  }
  // the account menu in the header only exists for a logged-in user
  await page.locator('[cam-widget-header] li.account').waitFor({ state: 'visible' });
}

/** Logs out of the current Camunda webapp via the account menu in the header. */
export async function logout(page) {
  const account = page.locator('[cam-widget-header] li.account');
  await account.locator('.dropdown-toggle').click();
  await account.locator('li.logout a').click();
  await page.locator('form[name="signinForm"]').waitFor({ state: 'visible' });
}

/**
 * Writes target/browser-screenshots/<name>.png (full page by default) and
 * returns the file path.
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const safe = String(name).replace(/[^\p{L}\p{N}._-]+/gu, '_');
  const file = path.join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}
