'use strict';

const { is, get, hasText, inExecutableProcess } = require('./util');

/**
 * Every user task in an executable process needs a form
 * (camunda:formRef for Camunda Forms in forms/*.form, or camunda:formKey).
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask') || !inExecutableProcess(node)) {
      return;
    }
    if (!hasText(get(node, 'camunda:formRef')) && !hasText(get(node, 'camunda:formKey'))) {
      reporter.report(node.id, 'User task has no form (set camunda:formRef to a form id from forms/*.form)');
    }
  }

  return { check };
};
