'use strict';

const { is, get, hasText, inExecutableProcess, extensionValues } = require('./util');

/**
 * Service / send / business rule tasks and message *throw* events in an
 * executable process need a Camunda 7 implementation
 * (camunda:class, camunda:delegateExpression, camunda:expression,
 * camunda:type="external" + camunda:topic, or a connector; business rule
 * tasks may use camunda:decisionRef instead).
 *
 * Unlike camunda/implementation this does not report message *catch*
 * events (intermediate catch, boundary, message start events).
 */
module.exports = function() {

  function hasImplementation(node) {
    if (['camunda:class', 'camunda:delegateExpression', 'camunda:expression']
      .some(attr => hasText(get(node, attr)))) {
      return true;
    }
    if (get(node, 'camunda:type') === 'external') {
      return hasText(get(node, 'camunda:topic'));
    }
    if (hasText(get(node, 'camunda:type'))) {
      return true;
    }
    return extensionValues(node).some(v => is(v, 'camunda:Connector'));
  }

  function check(node, reporter) {
    if (!is(node, 'bpmn:ServiceTask') && !is(node, 'bpmn:SendTask') &&
        !is(node, 'bpmn:BusinessRuleTask') && !is(node, 'bpmn:ThrowEvent')) {
      return;
    }

    if (!inExecutableProcess(node)) {
      return;
    }

    if (is(node, 'bpmn:ThrowEvent')) {
      const definitions = get(node, 'eventDefinitions') || [];
      for (const definition of definitions) {
        if (is(definition, 'bpmn:MessageEventDefinition') && !hasImplementation(definition)) {
          reporter.report(node.id, 'Message throw event is missing a Camunda implementation ' +
            '(camunda:delegateExpression / camunda:class / camunda:expression / external topic)');
        }
      }
      return;
    }

    if (is(node, 'bpmn:BusinessRuleTask') && hasText(get(node, 'camunda:decisionRef'))) {
      return;
    }

    if (get(node, 'camunda:type') === 'external' && !hasText(get(node, 'camunda:topic'))) {
      reporter.report(node.id, 'External task is missing camunda:topic');
      return;
    }

    if (!hasImplementation(node)) {
      reporter.report(node.id, 'Implementation is missing (camunda:delegateExpression / ' +
        'camunda:class / camunda:expression / external topic' +
        (is(node, 'bpmn:BusinessRuleTask') ? ' / camunda:decisionRef' : '') + ')');
    }
  }

  return { check };
};
