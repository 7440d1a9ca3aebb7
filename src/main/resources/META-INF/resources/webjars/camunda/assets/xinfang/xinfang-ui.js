/*
 * Xinfang Flow (信访流程): small additions to the Camunda webapps header, loaded by every app as a
 * custom script (config.js `customScripts`, see xinfang-config.js). It exports no plugin.
 *
 *  - a "English" / "中文" link in the header to switch the language (stored in localStorage, the
 *    config.js files read it; see xinfang-config.js);
 *  - Chinese labels for the app menu (the webapps show its labels untranslated);
 *  - <html lang="zh-CN"> while in Chinese;
 *  - dates and times in Beijing time (Asia/Shanghai, UTC+8) even on a computer set to another
 *    time zone: moment.js, which the webapps format all dates with, is switched to UTC+8 (China
 *    has no daylight saving time). On a computer in China's time zone nothing is changed.
 */
import { LOCALE, LOCALE_STORAGE_KEY } from './xinfang-config.js';

const APP_LABELS = { welcome: '首页', tasklist: '任务列表', cockpit: '流程监控', admin: '系统管理' };
const BEIJING_OFFSET_MINUTES = 8 * 60;
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

function browserInBeijingTime() {
  try {
    return BEIJING_ZONE_NAMES.includes(Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch (e) {
    return false;
  }
}

/** Makes moment.js show every point in time in UTC+8 (the approach of moment-timezone's default zone). */
function useBeijingTime(moment) {
  if (moment.__xinfangBeijingTime) {
    return;
  }
  moment.__xinfangBeijingTime = true;
  const previous = moment.updateOffset;
  moment.updateOffset = function (mom, keepTime) {
    if (typeof previous === 'function') {
      previous.call(this, mom, keepTime);
    }
    // moment.utc(...) stays UTC; moments already in UTC+8 (clones, or during our own change) stay
    if (mom._isUTC || !mom.isValid()) {
      return;
    }
    // a date and time typed or parsed without an offset is read as Beijing time; an instant
    // (a Date, "now", or a string with an offset such as the engine's) is shown in Beijing time
    const wallClock = Array.isArray(mom._a) && mom._tzm === undefined;
    mom.utcOffset(BEIJING_OFFSET_MINUTES, wallClock);
  };
}

function showBeijingTimeZoneInFooter() {
  const zone = document.querySelector('#footer-timezone i');
  if (zone && zone.textContent !== 'Asia/Shanghai') {
    zone.textContent = 'Asia/Shanghai';
  }
}

function whenAngularReady(callback, attempts = 300) {
  const angular = window.angular;
  const injector = angular && angular.element(document.documentElement).injector();
  if (injector) {
    callback(injector);
  } else if (attempts > 0) {
    window.setTimeout(() => whenAngularReady(callback, attempts - 1), 100);
  }
}

function update() {
  addLanguageLink();
  translateAppMenu();
  if (!browserInBeijingTime()) {
    showBeijingTimeZoneInFooter();
  }
}

if (LOCALE === 'zh') {
  document.documentElement.lang = 'zh-CN';
}

if (!browserInBeijingTime()) {
  whenAngularReady((injector) => {
    if (injector.has('moment')) {
      useBeijingTime(injector.get('moment'));
      injector.get('$rootScope').$applyAsync();
    }
  });
}

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
