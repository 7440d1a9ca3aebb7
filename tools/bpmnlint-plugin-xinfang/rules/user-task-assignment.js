'use strict';

const { is, get, hasText, inExecutableProcess } = require('./util');

/**
 * Every user task in an executable process must be assigned to someone:
 * camunda:candidateGroups, camunda:candidateUsers or camunda:assignee
 * (otherwise nobody sees it in Tasklist).
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask') || !inExecutableProcess(node)) {
      return;
    }
    const assigned = ['camunda:candidateGroups', 'camunda:candidateUsers', 'camunda:assignee']
      .some(attr => hasText(get(node, attr)));
    if (!assigned) {
      reporter.report(node.id, 'User task has no camunda:candidateGroups / camunda:candidateUsers / camunda:assignee');
    }
  }

  return { check };
};
