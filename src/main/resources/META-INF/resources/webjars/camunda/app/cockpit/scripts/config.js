/*
 * Xinfang Flow (信访流程): Cockpit configuration. Overrides scripts/config.js of the
 * camunda-webapp-webjar (same classpath path; the application's classes come first).
 * Options: https://docs.camunda.org/manual/latest/webapps/cockpit/configuration/
 * Shared settings (language, date formats, names): /camunda/assets/xinfang/xinfang-config.js
 */
import { app, customScripts, dateFormat, locales } from '../../../assets/xinfang/xinfang-config.js';

export default {
  app: app('cockpit'),
  locales,
  dateFormat,
  customScripts
};
