'use strict';

const fs = require('node:fs');
const path = require('node:path');

function is(node, type) {
  return !!(node && typeof node.$instanceOf === 'function' && node.$instanceOf(type));
}

function get(node, prop) {
  try {
    return node.get(prop);
  } catch (e) {
    return undefined;
  }
}

/** Walks up to the owning bpmn:Process (null for elements outside a process). */
function findProcess(node) {
  let parent = node;
  while (parent && !is(parent, 'bpmn:Process')) {
    parent = parent.$parent;
  }
  return parent || null;
}

function inExecutableProcess(node) {
  const process = findProcess(node);
  return !!(process && process.get('isExecutable'));
}

function hasText(value) {
  return typeof value === 'string' && value.trim().length > 0;
}

function extensionValues(node) {
  const ext = get(node, 'extensionElements');
  return (ext && ext.get('values')) || [];
}

/**
 * Collects "id" values of files in a project folder (relative to the current
 * working directory, i.e. the repo root when run via `npm run lint:bpmn`).
 * Returns null when the folder does not exist (rule is then skipped).
 */
const cache = new Map();

function collectIds(folder, extension, extract) {
  const key = folder + '|' + extension;
  if (cache.has(key)) {
    return cache.get(key);
  }
  const dir = path.resolve(process.cwd(), folder);
  let ids = null;
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) {
    ids = new Set();
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith(extension)) {
        continue;
      }
      const text = fs.readFileSync(path.join(dir, file), 'utf-8');
      for (const id of extract(text, file)) {
        ids.add(id);
      }
    }
  }
  cache.set(key, ids);
  return ids;
}

module.exports = {
  is,
  get,
  findProcess,
  inExecutableProcess,
  hasText,
  extensionValues,
  collectIds
};
