/*
 * Xinfang Flow (信访流程): Tasklist configuration. Overrides scripts/config.js of the
 * camunda-webapp-webjar (same classpath path; the application's classes come first).
 * Options: https://docs.camunda.org/manual/latest/webapps/tasklist/configuration/
 * Shared settings (language, date formats, names): /camunda/assets/xinfang/xinfang-config.js
 */
import { app, customScripts, dateFormat, locales } from '../../../assets/xinfang/xinfang-config.js';

export default {
  app: app('tasklist'),
  locales,
  dateFormat,
  customScripts,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
