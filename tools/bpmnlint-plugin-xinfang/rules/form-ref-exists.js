'use strict';

const { is, get, hasText, collectIds } = require('./util');

const FORMS_DIR = process.env.XINFANG_FORMS_DIR || 'forms';

function formIds(text, file) {
  try {
    const json = JSON.parse(text);
    return json && typeof json.id === 'string' ? [ json.id ] : [];
  } catch (e) {
    throw new Error(`${FORMS_DIR}/${file} is not valid JSON: ${e.message}`);
  }
}

/**
 * A literal camunda:formRef (user task or start event) must match the "id"
 * of a form in forms/*.form. Expressions (${...}) are not checked. Skipped
 * when the forms folder does not exist.
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask') && !is(node, 'bpmn:StartEvent')) {
      return;
    }
    const ref = get(node, 'camunda:formRef');
    if (!hasText(ref) || /[$#]\{/.test(ref)) {
      return;
    }
    const ids = collectIds(FORMS_DIR, '.form', formIds);
    if (ids && !ids.has(ref)) {
      reporter.report(node.id, `camunda:formRef "${ref}" matches no form id in ${FORMS_DIR}/*.form`);
    }
  }

  return { check };
};
