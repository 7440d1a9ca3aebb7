'use strict';

// Project-local bpmnlint plugin (Camunda 7 / xinfang-flow).
// Referenced from .bpmnlintrc as "plugin:xinfang/recommended".
module.exports = {
  configs: {
    recommended: {
      rules: {
        'xinfang/service-implementation': 'error',
        'xinfang/user-task-form': 'error',
        'xinfang/user-task-assignment': 'error',
        'xinfang/form-ref-exists': 'error',
        'xinfang/decision-ref-exists': 'error'
      }
    }
  },
  rules: {
    'service-implementation': './rules/service-implementation',
    'user-task-form': './rules/user-task-form',
    'user-task-assignment': './rules/user-task-assignment',
    'form-ref-exists': './rules/form-ref-exists',
    'decision-ref-exists': './rules/decision-ref-exists'
  }
};
