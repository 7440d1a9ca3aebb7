/*
 * Xinfang Flow (信访流程): settings shared by the config.js of Tasklist, Cockpit, Admin and Welcome
 * (src/main/resources/META-INF/resources/webjars/camunda/app/<app>/scripts/config.js, which
 * override the files of the same path in the camunda-webapp-webjar).
 *
 * Language: every user gets Simplified Chinese (zh), whatever the browser language. English stays
 * available: the header has a "English / 中文" link (xinfang-ui.js) that stores the choice in
 * localStorage["xinfang.locale"] and reloads. The webapps pick the first language of the browser
 * if it is in availableLocales and fallbackLocale otherwise, so only the chosen language is
 * offered (availableLocales: [chosen]) to make the choice independent of the browser.
 */
export const LOCALE_STORAGE_KEY = 'xinfang.locale';

export const LOCALE = (() => {
  try {
    return window.localStorage.getItem(LOCALE_STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch (e) {
    return 'zh';
  }
})();

export const locales = {
  availableLocales: [LOCALE],
  fallbackLocale: LOCALE
};

/** moment.js formats (https://docs.camunda.org/manual/latest/webapps/tasklist/configuration/#date-format). */
export const dateFormat = LOCALE === 'zh'
  ? {
      monthName: 'MMMM',
      day: 'DD',
      abbr: 'M月D日 HH:mm',
      normal: 'YYYY年M月D日 HH:mm',
      long: 'YYYY年M月D日 dddd HH:mm',
      short: 'YYYY年M月D日'
    }
  : {
      monthName: 'MMMM',
      day: 'DD',
      abbr: 'lll',
      normal: 'LLL',
      long: 'LLLL',
      short: 'LL'
    };

const APP_NAMES = {
  zh: { vendor: '信访流程', tasklist: '任务列表', cockpit: '流程监控', admin: '系统管理', welcome: '首页' },
  en: { vendor: 'Xinfang Flow', tasklist: 'Tasklist', cockpit: 'Cockpit', admin: 'Admin', welcome: 'Welcome' }
};

/** Header brand: the webapps show "<vendor> <name>" (e.g. 信访流程 任务列表) and use it as page title. */
export function app(appName) {
  const names = APP_NAMES[LOCALE];
  return { name: names[appName], vendor: names.vendor };
}

/** The shared script (header language link, app menu labels, Beijing time), relative to app/<app>/. */
export const customScripts = ['../../assets/xinfang/xinfang-ui'];
