/*
 * Xinfang Flow (信访流程): small additions to the Camunda webapps header, loaded by every app as a
 * custom script (config.js `customScripts`, see xinfang-config.js). It exports no plugin.
 *
 *  - a "English" / "中文" link in the header to switch the language (stored in localStorage, the
 *    config.js files read it; see xinfang-config.js);
 *  - Chinese labels for the app menu (the webapps show its labels untranslated);
 *  - <html lang="zh-CN"> while in Chinese;
 *  - Chinese date formats in Cockpit too (Cockpit ignores config.js `dateFormat` and sets its own
 *    formats, e.g. 2026-11-26T20:56:59, so they are set again from xinfang-config.js);
 *  - the few header texts the webapps do not translate ("Actions" of the variables table);
 *  - a red time zone in the footer on a computer not set to Beijing time (the webapps show times
 *    in the computer's time zone);
 *  - a 案件查询 link in the header (our page /cases) and a 接访日 link (our page /reception);
 *  - a 统计分析 link in the header (our page /statistics; the API shows a unit only its own figures);
 *  - forms and lists a clerk can act on (server refusals at their fields, no lost typing, why a
 *    button is greyed out, 请选择…, 创建任务 for administrators, sorting by due date): xinfang-forms.js;
 *  - after a start form registered a petition: a notice with its case number and links to the case
 *    file and the registration receipt (Tasklist itself only says 流程已发起).
 */
import { LOCALE, LOCALE_STORAGE_KEY, dateFormat } from './xinfang-config.js';
import { addBell } from './xinfang-bell.js';
import { install as installFormHelp, update as updateFormHelp } from './xinfang-forms.js';

const APP_LABELS = { welcome: '首页', tasklist: '任务列表', cockpit: '流程监控', admin: '系统管理' };
const BEIJING_ZONE_NAMES = ['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC'];

function switchLanguage(event) {
  event.preventDefault();
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, LOCALE === 'zh' ? 'en' : 'zh');
  } catch (e) {
    return;
  }
  window.location.reload();
}

function addLanguageLink() {
  const menu = document.querySelector('[cam-widget-header] nav.app-menu > ul');
  if (!menu || menu.querySelector(':scope > li.xf-locale')) {
    return;
  }
  const item = document.createElement('li');
  item.className = 'xf-locale';
  const link = document.createElement('a');
  link.href = '#';
  link.lang = LOCALE === 'zh' ? 'en' : 'zh-CN';
  link.textContent = LOCALE === 'zh' ? 'English' : '中文';
  link.title = LOCALE === 'zh' ? 'Switch to English' : '切换到中文';
  link.addEventListener('click', switchLanguage);
  item.appendChild(link);
  const account = menu.querySelector(':scope > li.account');
  menu.insertBefore(item, account || menu.firstChild);
}

/** Our own pages, first in the header menu in this order; each opens in a new tab. */
const HEADER_LINKS = [
  { className: 'xf-case-search', href: '/cases', zh: '案件查询', en: 'Case search' },
  { className: 'xf-statistics', href: '/statistics', zh: '统计分析', en: 'Statistics' },
  { className: 'xf-reception', href: '/reception', zh: '接访日', en: 'Reception days' },
];

function addHeaderLinks() {
  const menu = document.querySelector('[cam-widget-header] nav.app-menu > ul');
  if (!menu) {
    return;
  }
  let previous = null;
  for (const page of HEADER_LINKS) {
    let item = menu.querySelector(`:scope > li.${page.className}`);
    if (!item) {
      item = document.createElement('li');
      item.className = page.className;
      const link = document.createElement('a');
      link.href = page.href;
      link.target = '_blank';
      link.textContent = LOCALE === 'zh' ? page.zh : page.en;
      item.appendChild(link);
      menu.insertBefore(item, previous ? previous.nextSibling : menu.firstChild);
    }
    previous = item;
  }
}

const CASE_NUMBER = /^XF-\d{4}-\d{6}$/;
const START_FORM_SUBMIT = /\/process-definition\/(key\/)?[^/]+\/submit-form(\?.*)?$/;

/** The notice after a registration: stays until closed, so the clerk can read the number to the petitioner. */
function showRegisteredNotice(caseNumber) {
  document.querySelectorAll('.xf-registered').forEach((old) => old.remove());
  const box = document.createElement('div');
  box.className = 'xf-registered';
  box.setAttribute('role', 'status');
  const title = document.createElement('div');
  title.className = 'xf-registered-title';
  title.append('已登记，信访件编号 ');
  const number = document.createElement('strong');
  number.className = 'xf-registered-number';
  number.textContent = caseNumber;
  title.appendChild(number);
  box.appendChild(title);
  const links = document.createElement('div');
  for (const [text, href] of [['打印登记回执（含查询码）', '/cases/' + caseNumber + '/receipt'],
    ['打开卷宗', '/cases/' + caseNumber], ['上传附件', '/cases/' + caseNumber + '#attachments']]) {
    const a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.textContent = text;
    links.appendChild(a);
  }
  box.appendChild(links);
  const hint = document.createElement('div');
  hint.className = 'xf-registered-hint';
  hint.textContent = '查询码只在回执上显示一次，请先打印回执再关闭本提示。';
  box.appendChild(hint);
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'xf-registered-close';
  close.textContent = '关闭';
  close.addEventListener('click', () => box.remove());
  box.appendChild(close);
  document.body.appendChild(box);
}

/** The newest case this user registered, for a start form whose answer carries no business key. */
function showNewestOwnCase() {
  fetch('/api/cases?mine=true&sort=-registeredAt&size=1', { credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : null))
    .then((page) => {
      const newest = page && page.items && page.items[0];
      if (newest && Date.now() - new Date(newest.registeredAt).getTime() < 60000) {
        showRegisteredNotice(newest.caseNumber);
      }
    })
    .catch(() => {});
}

/**
 * Watches the webapp's own calls: a successful start-form submit answers with the new process
 * instance, whose business key is the case number the registration just gave.
 */
function watchStartForms() {
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.xfStartForm = String(method).toUpperCase() === 'POST' && START_FORM_SUBMIT.test(String(url));
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (this.xfStartForm) {
      this.addEventListener('load', () => {
        if (this.status < 200 || this.status >= 300) {
          return;
        }
        let instance = null;
        try {
          instance = JSON.parse(this.responseText);
        } catch (e) {
          instance = null;
        }
        if (instance && CASE_NUMBER.test(instance.businessKey || '')) {
          showRegisteredNotice(instance.businessKey);
        } else {
          showNewestOwnCase();
        }
      });
    }
    return send.apply(this, args);
  };
}

function translateAppMenu() {
  if (LOCALE !== 'zh') {
    return;
  }
  document.querySelectorAll('[cam-widget-header] li.app-switch li').forEach((item) => {
    const link = item.querySelector('a');
    const name = Object.keys(APP_LABELS).find((app) => item.classList.contains(app));
    if (link && name && link.textContent.trim() !== APP_LABELS[name]) {
      link.textContent = APP_LABELS[name];
    }
  });
}

function translateFixedTexts() {
  if (LOCALE !== 'zh') {
    return;
  }
  document.querySelectorAll('thead td.actions, thead th.actions').forEach((cell) => {
    if (cell.textContent.trim() === 'Actions') {
      cell.textContent = '操作';
    }
  });
}

/**
 * form-js (the Camunda Forms renderer inside Tasklist) has no translations for its own validation
 * messages (bpmn-io/form-js#443): they are replaced by Chinese ones where they appear. What was
 * typed stays in the form; only the message under the field changes.
 */
const FORM_MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项，请填写。'],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}。`],
  [/^Field must have minimum length of (.+)\.$/, (m) => `至少填写 ${m[1]} 个字。`],
  [/^Field must have maximum length of (.+)\.$/, (m) => `最多 ${m[1]} 个字，请删减。`],
  // what each pattern of ours accepts, in words (form-js would show the regular expression)
  [/^Field must match pattern \^\(1\[3-9\].*$/, () => '应为手机 11 位（如 13812345678）或座机 区号-号码（如 0571-87654321）。'],
  [/^Field must match pattern \^\[0-9\]\{17\}.*$/, () => '应为 18 位身份证号码，最后一位是数字或 X。'],
  [/^Field must match pattern \^XF-.*$/, () => '应为信访件编号 XF-年份-6位序号，如 XF-2025-000123。'],
  [/^Field must match pattern .+$/, () => '格式不正确，请按说明中的格式填写。'],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮件地址。'],
  [/^Field must be a valid\s+international phone number.*$/, () => '请填写有效的电话号码。'],
  [/^Date must match pattern yyyy-MM-dd$/, () => '日期格式应为 年-月-日，如 2026-03-02。'],
];

function translateFormMessages() {
  if (LOCALE !== 'zh') {
    return;
  }
  document.querySelectorAll('.fjs-form-field-error, .fjs-form-field-error li').forEach((node) => {
    if (node.children.length > 0) {
      return;
    }
    const text = node.textContent.trim();
    for (const [pattern, chinese] of FORM_MESSAGES) {
      const match = text.match(pattern);
      if (match) {
        node.textContent = chinese(match);
        return;
      }
    }
  });
}

/**
 * Runs before the app starts (custom scripts are loaded first): a config block added to the
 * Cockpit module runs after Cockpit's own one, which fixes its date formats.
 */
function useConfiguredDateFormatsInCockpit() {
  const angular = window.angular;
  let cockpit;
  try {
    cockpit = angular && angular.module('cam.cockpit');
  } catch (e) {
    return; // not Cockpit
  }
  if (!cockpit) {
    return;
  }
  const formats = LOCALE === 'zh' ? { ...dateFormat, normal: 'YYYY年M月D日 HH:mm:ss' } : null;
  if (!formats) {
    return; // English: keep Cockpit's formats
  }
  cockpit.config(['$injector', ($injector) => {
    if ($injector.has('camDateFormatProvider')) {
      const provider = $injector.get('camDateFormatProvider');
      Object.keys(formats).forEach((name) => provider.setDateFormat(formats[name], name));
    }
  }]);
}

function browserInBeijingTime() {
  try {
    return BEIJING_ZONE_NAMES.includes(Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch (e) {
    return false;
  }
}

/**
 * The webapps show dates in the computer's time zone (moment.js and the browser's own Date both
 * work in it; there is no setting). Offices in China run on China Standard Time, so this is
 * Beijing time; on a computer set to another zone the footer's time zone is marked in red.
 * (Converting only moment.js to UTC+8 was tried and rejected: Cockpit's variable editor mixes it
 * with the browser's Date and shifted date values by the zone difference.)
 */
function markForeignTimeZoneInFooter() {
  const footer = document.querySelector('#footer-timezone');
  if (footer && !footer.classList.contains('xf-foreign-zone')) {
    footer.classList.add('xf-foreign-zone');
    footer.title = LOCALE === 'zh'
      ? '本机时区不是北京时间：页面上的日期和时间按本机时区显示。请将电脑时区设为“(UTC+08:00) 北京”。'
      : 'This computer is not set to Beijing time: dates and times are shown in its time zone.';
  }
}

function update() {
  addLanguageLink();
  addBell();
  addHeaderLinks();
  translateAppMenu();
  translateFixedTexts();
  translateFormMessages();
  updateFormHelp();
  if (!browserInBeijingTime()) {
    markForeignTimeZoneInFooter();
  }
}

if (LOCALE === 'zh') {
  document.documentElement.lang = 'zh-CN';
}

useConfiguredDateFormatsInCockpit();
watchStartForms();
installFormHelp();

let scheduled = false;
new MutationObserver(() => {
  if (!scheduled) {
    scheduled = true;
    window.requestAnimationFrame(() => {
      scheduled = false;
      update();
    });
  }
}).observe(document.documentElement, { childList: true, subtree: true });
update();
