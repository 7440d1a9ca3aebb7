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
 *    in the computer's time zone).
 */
import { LOCALE, LOCALE_STORAGE_KEY, dateFormat } from './xinfang-config.js';
import { addBell } from './xinfang-bell.js';

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
  translateAppMenu();
  translateFixedTexts();
  translateFormMessages();
  if (!browserInBeijingTime()) {
    markForeignTimeZoneInFooter();
  }
}

if (LOCALE === 'zh') {
  document.documentElement.lang = 'zh-CN';
}

useConfiguredDateFormatsInCockpit();

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
