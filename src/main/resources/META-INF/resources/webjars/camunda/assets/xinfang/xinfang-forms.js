/*
 * Xinfang Flow (信访流程): Tasklist forms and lists a clerk can act on. Loaded by xinfang-ui.js
 * (install() once, update() on every change of the page). All text is set as text, never as HTML.
 *
 *  - A refusal of the server (400 with {message, errors: [{field, message}]}, see
 *    system/EngineRestErrors) is shown under the field it concerns, in Chinese; the Tasklist's own
 *    notice at the top then only says how many fields to fix, or carries what concerns no field.
 *    Engine prefixes ("Cannot instantiate process definition …:", "<task> <-", ENGINE-…), ids and
 *    field keys never reach the clerk; a message without any Chinese becomes a Chinese one.
 *  - Text typed quickly into one field and then another is no longer wiped: form-js hands typed
 *    text to the form only after a 300 ms pause, and a re-render caused by another field within that
 *    pause resets the input to the old value (and the pending change then reads the reset input).
 *    Each input event is handed over at once instead (the field's own blur handler flushes it).
 *  - A greyed-out 发起 / 完成 button says why (the fields with errors, the required ones still empty).
 *  - 请选择… instead of form-js's "Select" in empty select fields.
 *  - 创建任务 (a task outside any case) only for administrators.
 *  - The task list is sorted by due date (到期日期 ↑) unless the user picks another order, so the
 *    sorting shown in the list header is the sorting used (the filters themselves carry none).
 */
import { LOCALE } from './xinfang-config.js';

const ZH = LOCALE === 'zh';

const TASK_GONE = '链接中的任务已办结或已被他人处理，无法再打开。请在左侧列表中选择任务，或在“案件查询”中按编号查找案件。';
const GENERIC = {
  400: '提交的内容未被接受，请检查后重试。',
  401: '登录已过期，请重新登录。',
  403: '您没有执行此操作的权限。',
  404: '要处理的对象不存在或已被他人处理（如任务已办结），请刷新后重试。',
  409: '此案件已被他人修改，您的操作未保存，请刷新后重试。',
  500: '服务器未能完成此操作，您填写的内容未保存。请稍后重试；如仍不成功，请联系系统管理员。'
};

const DEFAULT_SORTING = '[{"sortBy":"dueDate","sortOrder":"asc"}]';
const CREATED_DESC = '[{"sortBy":"created","sortOrder":"desc"}]';
const SORT_CHOSEN_KEY = 'xinfang.sortingChosen';

/** Form schemas as Tasklist loaded them, by owner ("pd:<definition id>" or "task:<task id>"). */
const schemas = new Map();
/** Server messages seen in refusals, raw text → what the top notice should say instead. */
const topMessages = new Map();
/** The refusal waiting to be shown at its fields: { owner, errors } */
let pendingRefusal = null;

function hasChinese(text) {
  return /[\u4e00-\u9fff]/.test(text || '');
}

function formOwner(url) {
  const path = String(url).split('?')[0];
  let m = path.match(/\/process-definition\/([^/]+)\/(deployed-start-form|submit-form)$/);
  if (m) {
    return 'pd:' + decodeURIComponent(m[1]);
  }
  m = path.match(/\/task\/([^/]+)\/(deployed-form|submit-form|complete)$/);
  return m ? 'task:' + decodeURIComponent(m[1]) : null;
}

/** What a clerk can read of a server message: no engine prefixes, ids or field keys. */
export function cleanMessage(raw, status) {
  let text = String(raw || '').trim();
  if (/No matching task|task is null|Cannot find task/i.test(text)) {
    return TASK_GONE;
  }
  text = text
    .replace(/<task>\s*<-\s*/g, '')
    .replace(/Cannot (instantiate process definition|submit task form|complete task|start process instance)[^:：]*[:：]\s*/gi, '')
    .replace(/ENGINE-\d+\s*/g, '')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '')
    .trim();
  if (!hasChinese(text)) {
    return GENERIC[status] || GENERIC[500];
  }
  // field keys (petitionerIdNumber, handlingUnit …) in front of a Chinese message
  return text.replace(/(^|[\s：:；;，,(（])[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\s*(?=[\u4e00-\u9fff（(])/g, '$1').trim();
}

function components(list, out = []) {
  for (const c of list || []) {
    out.push(c);
    components(c.components, out);
  }
  return out;
}

function formContainer(owner) {
  const selector = owner.startsWith('pd:') ? '.modal-dialog form.fjs-form' : '[cam-tasklist-task] form.fjs-form';
  return document.querySelector(selector);
}

/** The .fjs-form-field of a form variable: by the component's id in the input's id, else by its label. */
function fieldOf(container, owner, key) {
  const schema = schemas.get(owner);
  const component = schema && components(schema.components).find((c) => c.key === key);
  if (!component) {
    return null;
  }
  if (component.id) {
    for (const node of container.querySelectorAll('[id]')) {
      if (node.id.endsWith('-' + component.id) && node.closest('.fjs-form-field')) {
        return node.closest('.fjs-form-field');
      }
    }
  }
  if (component.label) {
    for (const label of container.querySelectorAll('label.fjs-form-field-label')) {
      if (label.textContent.replace(/\*/g, '').trim() === component.label.trim()) {
        return label.closest('.fjs-form-field') || label.parentElement;
      }
    }
  }
  return null;
}

function clearServerErrors(scope) {
  (scope || document).querySelectorAll('.xf-server-error').forEach((n) => n.remove());
}

/** Puts each refused field's message under its field; returns the messages that found no field. */
function showAtFields(refusal) {
  const container = formContainer(refusal.owner);
  if (!container) {
    return null;
  }
  clearServerErrors(container);
  const unplaced = [];
  let first = null;
  for (const problem of refusal.errors) {
    const field = fieldOf(container, refusal.owner, problem.field);
    const text = cleanMessage(problem.message, 400);
    if (!field) {
      unplaced.push(text);
      continue;
    }
    const note = document.createElement('div');
    note.className = 'xf-server-error';
    note.setAttribute('role', 'alert');
    note.textContent = text;
    note.dataset.value = fieldValue(field);
    field.appendChild(note);
    first = first || field;
  }
  if (first) {
    const input = first.querySelector('input:not([type=hidden]), textarea, .fjs-select-display');
    first.scrollIntoView({ block: 'center' });
    if (input && input.focus) {
      input.focus({ preventScroll: true });
    }
  }
  return { placed: refusal.errors.length - unplaced.length, unplaced };
}

function onRefusal(owner, status, body) {
  const raw = body && typeof body.message === 'string' ? body.message : '';
  const errors = body && Array.isArray(body.errors) ? body.errors.filter((e) => e && e.field && e.message) : [];
  const verb = owner && owner.startsWith('pd:') ? '未能发起' : '未能提交';
  if (errors.length && owner) {
    pendingRefusal = { owner, errors, raw, verb };
    topMessages.set(raw, verb + '：请按标红项下方的说明修改后再提交。');
  } else if (raw) {
    topMessages.set(raw, cleanMessage(raw, status));
  }
}

/** Watches the Tasklist's calls to the engine: form schemas it loads, refusals it gets. */
function watchCalls() {
  const originalFetch = window.fetch;
  window.fetch = function (input, ...rest) {
    const answer = originalFetch.call(this, input, ...rest);
    const url = typeof input === 'string' ? input : input && input.url;
    const owner = url && /\/deployed-(start-)?form(\?|$)/.test(url) ? formOwner(url) : null;
    if (owner) {
      answer.then((r) => (r.ok ? r.clone().json() : null)).then((schema) => {
        if (schema && schema.components) {
          schemas.set(owner, schema);
        }
      }).catch(() => {});
    }
    return answer;
  };

  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.xfCall = { method: String(method).toUpperCase(), url: String(url) };
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    const call = this.xfCall;
    if (call && call.url.indexOf('/api/engine/') >= 0) {
      const owner = call.method === 'POST' ? formOwner(call.url) : null;
      if (owner) {
        const container = formContainer(owner);
        clearServerErrors(container || undefined);
      }
      this.addEventListener('load', () => {
        if (this.status < 400) {
          return;
        }
        let body = null;
        try {
          body = JSON.parse(this.responseText);
        } catch (e) {
          body = null;
        }
        onRefusal(owner, this.status, body);
      });
    }
    return send.apply(this, args);
  };
}

/** The Tasklist's notices: the engine's text replaced by what the clerk can act on. */
function cleanNotices() {
  document.querySelectorAll('.notifications .alert .message').forEach((span) => {
    const raw = span.textContent.trim();
    if (!raw || span.dataset.xfShown === raw) {
      return;
    }
    let text = topMessages.get(raw);
    if (text === undefined) {
      text = hasChinese(raw) && !/[A-Za-z]{4,}/.test(raw) ? raw : cleanMessage(raw, 500);
    }
    if (pendingRefusal && pendingRefusal.raw === raw) {
      const shown = showAtFields(pendingRefusal);
      if (shown) {
        pendingRefusal = null;
        text = shown.placed
          ? `${shown.placed} 项需要修改，见标红项下方的说明。${shown.unplaced.join('；')}`
          : shown.unplaced.join('；');
        topMessages.set(raw, text);
      }
    }
    span.textContent = text;
    span.dataset.xfShown = text;
  });
}

function fieldValue(field) {
  const display = field.querySelector('.fjs-select-display');
  if (display) {
    return display.classList.contains('fjs-select-placeholder') ? '' : display.textContent.trim();
  }
  const input = field.querySelector('input.fjs-input:not([type=checkbox]):not([type=radio]), textarea');
  return input ? input.value : '';
}

/** A server message under a field goes away once the clerk changes that field. */
function forgetChangedFields() {
  document.querySelectorAll('.xf-server-error').forEach((note) => {
    const field = note.closest('.fjs-form-field');
    if (!field || fieldValue(field) !== note.dataset.value) {
      note.remove();
    }
  });
}

/** Hands typed text to form-js at once (see the top of this file). */
function flushTypedText(event) {
  const target = event.target;
  if (event.isComposing || !target || !target.closest || !target.closest('form.fjs-form')) {
    return;
  }
  // date and time pickers parse on blur: a half-typed date must not be handed over
  if (target.closest('.fjs-datetime-subsection, .fjs-datepicker, .fjs-timepicker, .fjs-taglist, .fjs-input-group .fjs-select-hidden-input')) {
    return;
  }
  if (target.matches('input.fjs-input:not([type=checkbox]):not([type=radio]), textarea.fjs-textarea, textarea')) {
    target.dispatchEvent(new FocusEvent('blur'));
  }
}

function labelText(field) {
  const label = field.querySelector('label.fjs-form-field-label');
  return label ? label.textContent.replace(/\*/g, '').replace(/[:：]\s*$/, '').trim() : '';
}

function isEmpty(field) {
  if (field.querySelector('.fjs-select-placeholder')) {
    return true;
  }
  const input = field.querySelector('input.fjs-input:not([type=checkbox]):not([type=radio]), textarea');
  return !!input && !input.value.trim();
}

/** Under a greyed-out 发起 / 完成: which fields hold it back. */
function explainDisabledButtons() {
  const buttons = [
    ...document.querySelectorAll('.modal-dialog .modal-footer button.btn-primary[ng-click="startProcessInstance()"]'),
    ...document.querySelectorAll('[cam-tasklist-task] .form-actions button.btn-primary')
  ];
  for (const button of buttons) {
    const scope = button.closest('.modal-dialog') || button.closest('[cam-tasklist-task]');
    const form = scope && scope.querySelector('form.fjs-form');
    let hint = button.parentElement.querySelector('.xf-why-disabled');
    let text = '';
    if (button.disabled && form) {
      const fields = [...form.querySelectorAll('.fjs-form-field')].filter((f) => !f.querySelector('.fjs-form-field'));
      const wrong = fields.filter((f) => f.querySelector('.fjs-form-field-error li, .fjs-form-field-error:not(:empty), .xf-server-error, [aria-invalid="true"]'))
        .map(labelText).filter(Boolean);
      const empty = fields.filter((f) => f.querySelector('.fjs-asterix, .fjs-form-field-label .required') && isEmpty(f))
        .map(labelText).filter((l) => l && !wrong.includes(l));
      const parts = [];
      if (wrong.length) {
        parts.push('请先改正：' + [...new Set(wrong)].join('、'));
      }
      if (empty.length) {
        parts.push('还需填写：' + [...new Set(empty)].join('、'));
      }
      text = parts.length ? parts.join('；') : '正在提交或表单尚未加载完，请稍候';
    }
    if (!text) {
      if (hint) {
        hint.remove();
      }
      button.removeAttribute('title');
      continue;
    }
    if (!hint) {
      hint = document.createElement('span');
      hint.className = 'xf-why-disabled';
      hint.setAttribute('role', 'status');
      button.parentElement.insertBefore(hint, button);
    }
    if (hint.textContent !== text) {
      hint.textContent = text;
    }
    button.title = text;
  }
}

/** form-js writes "Select" into an empty select; the text node is changed in place (Preact keeps it). */
function translateSelectPlaceholders() {
  document.querySelectorAll('.fjs-select-display.fjs-select-placeholder').forEach((display) => {
    for (const node of display.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && node.data.trim() === 'Select') {
        node.data = '请选择…';
      }
    }
  });
}

let roleChecked = false;

/** 创建任务 is hidden by xinfang.css unless the body says the user is an administrator. */
function showCreateTaskToAdmins() {
  if (roleChecked || !document.querySelector('[cam-widget-header] li.account')) {
    return;
  }
  roleChecked = true;
  fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : null))
    .then((me) => {
      if (me && Array.isArray(me.groups) && me.groups.includes('camunda-admin')) {
        document.body.classList.add('xf-can-create-task');
      }
    })
    .catch(() => {
      roleChecked = false;
    });
}

function inTasklist() {
  return window.location.pathname.indexOf('/camunda/app/tasklist/') >= 0;
}

/** The Tasklist's default order (创建时间 ↓) becomes 到期日期 ↑ until the user picks an order. */
function sortByDueDateByDefault() {
  if (!inTasklist()) {
    return;
  }
  let chosen = false;
  try {
    chosen = window.sessionStorage.getItem(SORT_CHOSEN_KEY) === '1';
  } catch (e) {
    chosen = false;
  }
  if (chosen) {
    return;
  }
  const hash = window.location.hash || '#/';
  const [path, query = ''] = hash.split('?');
  if (/login/.test(path) || !document.querySelector('[cam-widget-header] li.account')) {
    return; // not logged in yet: the list comes after the login, with its own address
  }
  const params = new URLSearchParams(query);
  const sorting = params.get('sorting');
  if (sorting && sorting.replace(/\s/g, '') !== CREATED_DESC) {
    return;
  }
  if (params.get('task') && !sorting) {
    return; // a link to one task: the list keeps what it had
  }
  params.set('sorting', DEFAULT_SORTING);
  const next = (path === '#' || path === '' ? '#/' : path) + '?' + params.toString();
  if (next !== hash) {
    window.location.replace(window.location.pathname + window.location.search + next);
  }
}

function rememberChosenSorting(event) {
  if (event.target && event.target.closest && event.target.closest('[cam-sorting-choices] .dropdown-menu, [cam-sorting-choices] .sort-direction, [cam-sorting-choices] .glyphicon-remove-sign')) {
    try {
      window.sessionStorage.setItem(SORT_CHOSEN_KEY, '1');
    } catch (e) {
      // private mode: the default applies again, which is harmless
    }
  }
}

export function install() {
  watchCalls();
  document.addEventListener('input', flushTypedText);
  document.addEventListener('compositionend', flushTypedText);
  document.addEventListener('click', rememberChosenSorting, true);
  // typing changes no DOM the page observer sees: look at the server messages after each change
  for (const type of [ 'input', 'change', 'focusout', 'mouseup' ]) {
    document.addEventListener(type, () => window.setTimeout(forgetChangedFields, 50), true);
  }
}

export function update() {
  cleanNotices();
  forgetChangedFields();
  explainDisabledButtons();
  if (ZH) {
    translateSelectPlaceholders();
  }
  if (inTasklist()) {
    showCreateTaskToAdmins();
    sortByDueDateByDefault();
  }
}
