'use strict';

const { is, get, hasText, collectIds } = require('./util');

const DMN_DIR = process.env.XINFANG_DMN_DIR || 'processes';

function decisionIds(text) {
  const ids = [];
  // <decision id="..." ...> possibly namespace-prefixed (<dmn:decision ...>)
  const re = /<(?:[\w-]+:)?decision\b[^>]*?\bid\s*=\s*"([^"]+)"/g;
  let m;
  while ((m = re.exec(text))) {
    ids.push(m[1]);
  }
  return ids;
}

/**
 * A literal camunda:decisionRef must match a <decision id> in processes/*.dmn.
 * Expressions are not checked. Skipped when the folder does not exist.
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:BusinessRuleTask')) {
      return;
    }
    const ref = get(node, 'camunda:decisionRef');
    if (!hasText(ref) || /[$#]\{/.test(ref)) {
      return;
    }
    const ids = collectIds(DMN_DIR, '.dmn', decisionIds);
    if (ids && !ids.has(ref)) {
      reporter.report(node.id, `camunda:decisionRef "${ref}" matches no decision id in ${DMN_DIR}/*.dmn`);
    }
  }

  return { check };
};
