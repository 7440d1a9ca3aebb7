#!/usr/bin/env node
// Renders BPMN (and DMN) files to PNG pictures with bpmn-js / dmn-js inside
// Debian's headless Chromium (driven by playwright-core; no browser download).
//
// Usage:
//   node tools/render-diagrams.mjs [inputDir] [outputDir]
//   npm run diagrams                       # processes/ -> docs/images/
//   npm run diagrams -- /tmp/in /tmp/out   # other folders
//
// Output, per input file <name>.bpmn / <name>.dmn:
//   <outputDir>/<name>.png                 the process diagram (or the DRD)
//   <outputDir>/<name>--<subProcessId>.png each collapsed sub-process (drill-down plane)
//   <outputDir>/<name>--<decisionId>.png   each DMN decision table / literal expression
//
// Environment:
//   CHROMIUM_PATH   browser binary (default /usr/bin/chromium)
//   DIAGRAM_SCALE   device scale factor (default 2)
//
// Needs Debian's chromium and fonts-wqy-microhei (Chinese labels); when they are
// missing and this runs as root, they are installed with apt-get (tools/chromium.mjs).

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NM = path.join(ROOT, 'node_modules');

const SCALE = Number(process.env.DIAGRAM_SCALE || 2);
const PADDING = 30;            // CSS px around the diagram
const LOGO_ROOM = 40;          // extra CSS px at the bottom for the bpmn.io watermark
const MAX_CSS_EDGE = 7000;     // larger diagrams are scaled down to this
const MAX_PIXEL_EDGE = 16000;  // Chromium texture limit guard (after scale)

// Text measurement and rendering must use the same font, or labels wrap oddly.
const FONT_FAMILY = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", Arial, sans-serif';

const BPMN_BUNDLE = path.join(NM, 'bpmn-js/dist/bpmn-viewer.production.min.js');
const BPMN_CSS = [
  path.join(NM, 'bpmn-js/dist/assets/diagram-js.css'),
  path.join(NM, 'bpmn-js/dist/assets/bpmn-js.css')
];
const DMN_BUNDLE = path.join(NM, 'dmn-js/dist/dmn-viewer.production.min.js');
const DMN_CSS = [
  'diagram-js.css',
  'dmn-js-shared.css',
  'dmn-js-drd.css',
  'dmn-js-decision-table.css',
  'dmn-js-literal-expression.css',
  'dmn-js-boxed-expression.css',
  'dmn-font/css/dmn-embedded.css'
].map(f => path.join(NM, 'dmn-js/dist/assets', f));

function fail(message) {
  console.error(`render-diagrams: ERROR: ${message}`);
  process.exit(1);
}

function checkEnvironment() {
  if (!existsSync(BPMN_BUNDLE)) {
    fail(`${path.relative(ROOT, BPMN_BUNDLE)} not found - run "npm ci" first.`);
  }
  try {
    ensureChromium({ log: m => console.warn(`render-diagrams: ${m}`) });
  } catch (err) {
    fail(err.message);
  }
}

function pageHtml(cssFiles) {
  const css = cssFiles.filter(existsSync).map(f => readFileSync(f, 'utf-8')).join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>${css}</style>
<style>
  html, body { margin: 0; padding: 0; background: #fff; }
  body, .djs-container, .dmn-decision-table-container, .dmn-literal-expression-container,
  .tjs-container, .dms-container { font-family: ${FONT_FAMILY}; }
  #canvas { background: #fff; }
  /* DMN tables: let the table take its natural width */
  #canvas.dmn { display: inline-block; padding: ${PADDING}px; }
  #canvas.dmn .dmn-decision-table-container,
  #canvas.dmn .dmn-literal-expression-container { overflow: visible; padding-bottom: 40px; }
  /* interactive-only controls */
  #canvas .view-drd, #canvas .drill-down-overlay,
  #canvas .bjs-breadcrumbs, #canvas .bjs-drilldown { display: none !important; }
</style>
</head><body><div id="canvas"></div></body></html>`;
}

async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
    deviceScaleFactor: SCALE,
    locale: 'zh-CN'
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', err => errors.push(String(err)));
  return { context, page, errors };
}

/** Shoots the #canvas element after sizing the viewport so it fits. */
async function shoot(page, width, height, file) {
  // very large pictures fall back to 1 pixel per CSS px (Chromium texture limits)
  const tooBig = Math.max(width, height) * SCALE > MAX_PIXEL_EDGE;
  if (tooBig) {
    console.warn(`  large picture (${width}x${height} CSS px): rendered at scale 1`);
  }
  await page.setViewportSize({ width: Math.max(width, 200), height: Math.max(height, 100) });
  await page.locator('#canvas').screenshot({
    path: file,
    animations: 'disabled',
    scale: tooBig ? 'css' : 'device'
  });
}

// ---------------------------------------------------------------- BPMN

async function renderBpmn(browser, file, outDir) {
  const base = path.basename(file, path.extname(file));
  const xml = readFileSync(file, 'utf-8');
  const { context, page, errors } = await newPage(browser);
  const written = [];
  try {
    await page.setContent(pageHtml(BPMN_CSS));
    await page.addScriptTag({ path: BPMN_BUNDLE });

    const result = await page.evaluate(async ({ xml, fontFamily }) => {
      const style = { fontFamily };
      const viewer = new window.BpmnJS({
        container: '#canvas',
        textRenderer: { defaultStyle: style, externalStyle: style }
      });
      window.__viewer = viewer;
      try {
        const { warnings } = await viewer.importXML(xml);
        const canvas = viewer.get('canvas');
        const roots = canvas.getRootElements().map(r => ({
          id: r.id,
          bo: r.businessObject && r.businessObject.id,
          isMain: r === canvas.getRootElement()
        }));
        return { ok: true, warnings: warnings.map(w => w.message || String(w)), roots };
      } catch (err) {
        return {
          ok: false,
          error: err.message || String(err),
          warnings: (err.warnings || []).map(w => w.message || String(w))
        };
      }
    }, { xml, fontFamily: FONT_FAMILY });

    if (!result.ok) {
      throw new Error(`import failed: ${result.error}` +
        (result.warnings.length ? `\n    ${result.warnings.join('\n    ')}` : ''));
    }
    for (const w of result.warnings) {
      console.warn(`  import warning: ${w}`);
    }

    // main plane first, then drill-down planes of collapsed sub-processes
    const roots = [ ...result.roots.filter(r => r.isMain), ...result.roots.filter(r => !r.isMain) ];
    for (const root of roots) {
      const size = await page.evaluate(({ rootId, padding, maxEdge, logoRoom }) => {
        const viewer = window.__viewer;
        const canvas = viewer.get('canvas');
        const root = canvas.getRootElements().find(r => r.id === rootId);
        canvas.setRootElement(root);

        // bounds of everything drawn on this plane (shapes, labels, edges)
        const layer = canvas.getActiveLayer ? canvas.getActiveLayer() : canvas.getDefaultLayer();
        const box = layer.getBBox();
        if (!box || !box.width || !box.height) {
          return null;
        }
        // extra room at the bottom keeps the bpmn.io watermark clear of the drawing
        const width = Math.ceil(box.width + 2 * padding);
        const height = Math.ceil(box.height + 2 * padding + logoRoom);
        const shrink = Math.min(1, maxEdge / Math.max(width, height));
        const cssWidth = Math.ceil(width * shrink);
        const cssHeight = Math.ceil(height * shrink);

        const container = document.getElementById('canvas');
        container.style.width = cssWidth + 'px';
        container.style.height = cssHeight + 'px';
        canvas.resized();
        canvas.viewbox({ x: box.x - padding, y: box.y - padding, width, height });
        return { width: cssWidth, height: cssHeight };
      }, { rootId: root.id, padding: PADDING, maxEdge: MAX_CSS_EDGE, logoRoom: LOGO_ROOM });

      if (!size) {
        if (root.isMain) {
          throw new Error('diagram is empty (no BPMNDI shapes to draw?)');
        }
        continue;
      }
      const name = root.isMain ? base : `${base}--${root.bo || root.id}`;
      const out = path.join(outDir, `${name}.png`);
      await shoot(page, size.width, size.height, out);
      written.push(out);
    }
    if (errors.length) {
      throw new Error(`page errors: ${errors.join('; ')}`);
    }
  } finally {
    await context.close();
  }
  return written;
}

// ---------------------------------------------------------------- DMN

async function renderDmn(browser, file, outDir) {
  if (!existsSync(DMN_BUNDLE)) {
    console.warn(`  skipped ${path.basename(file)}: dmn-js not installed`);
    return [];
  }
  const base = path.basename(file, path.extname(file));
  const xml = readFileSync(file, 'utf-8');
  const { context, page, errors } = await newPage(browser);
  const written = [];
  try {
    await page.setContent(pageHtml(DMN_CSS));
    await page.addScriptTag({ path: DMN_BUNDLE });

    const result = await page.evaluate(async ({ xml, fontFamily }) => {
      const style = { fontFamily };
      const viewer = new window.DmnJS({
        container: '#canvas',
        drd: { textRenderer: { defaultStyle: style, externalStyle: style } }
      });
      window.__viewer = viewer;
      try {
        const { warnings } = await viewer.importXML(xml);
        const views = viewer.getViews().map((v, i) => ({
          index: i, type: v.type, id: v.element && v.element.id
        }));
        return { ok: true, warnings: (warnings || []).map(w => w.message || String(w)), views };
      } catch (err) {
        return {
          ok: false,
          error: err.message || String(err),
          warnings: (err.warnings || []).map(w => w.message || String(w))
        };
      }
    }, { xml, fontFamily: FONT_FAMILY });

    if (!result.ok) {
      throw new Error(`import failed: ${result.error}` +
        (result.warnings.length ? `\n    ${result.warnings.join('\n    ')}` : ''));
    }
    for (const w of result.warnings) {
      console.warn(`  import warning: ${w}`);
    }

    for (const view of result.views) {
      const size = await page.evaluate(async ({ index, type, padding, logoRoom }) => {
        const viewer = window.__viewer;
        const container = document.getElementById('canvas');
        await viewer.open(viewer.getViews()[index]);

        if (type === 'drd') {
          container.className = 'drd';
          const canvas = viewer.getActiveViewer().get('canvas');
          const layer = canvas.getActiveLayer ? canvas.getActiveLayer() : canvas.getDefaultLayer();
          const box = layer.getBBox();
          if (!box || !box.width || !box.height) {
            return null;
          }
          // the definitions name/id panel sits top-left over the canvas: keep room for it
          const panel = container.querySelector('.dmn-definitions');
          const panelBox = panel ? panel.getBoundingClientRect() : { width: 0, height: 0 };
          const top = panelBox.height ? Math.ceil(panelBox.height + 20) : 0;
          const width = Math.ceil(Math.max(box.width + 2 * padding, panelBox.width + 40));
          const height = Math.ceil(box.height + 2 * padding + top + logoRoom);
          container.style.width = width + 'px';
          container.style.height = height + 'px';
          canvas.resized();
          canvas.viewbox({ x: box.x - padding, y: box.y - padding - top, width, height });
          return { width, height };
        }

        // decision table / literal expression / boxed expression: HTML
        container.className = 'dmn';
        container.style.width = 'auto';
        container.style.height = 'auto';
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        const table = container.querySelector('table');
        const contentWidth = Math.max(container.scrollWidth, table ? table.scrollWidth + 2 * padding : 0);
        return { width: Math.ceil(contentWidth), height: Math.ceil(container.scrollHeight) };
      }, { index: view.index, type: view.type, padding: PADDING, logoRoom: LOGO_ROOM });

      if (!size) {
        continue;
      }
      const name = view.type === 'drd' ? base : `${base}--${view.id}`;
      const out = path.join(outDir, `${name}.png`);
      await shoot(page, size.width, size.height, out);
      written.push(out);
    }
    if (errors.length) {
      throw new Error(`page errors: ${errors.join('; ')}`);
    }
  } finally {
    await context.close();
  }
  return written;
}

// ---------------------------------------------------------------- main

async function main() {
  const [ inArg, outArg ] = process.argv.slice(2);
  const inDir = inArg ? path.resolve(inArg) : path.join(ROOT, 'processes');
  const outDir = outArg ? path.resolve(outArg) : path.join(ROOT, 'docs', 'images');

  if (!existsSync(inDir) || !statSync(inDir).isDirectory()) {
    fail(`input folder ${inDir} does not exist`);
  }
  const files = readdirSync(inDir)
    .filter(f => /\.(bpmn|dmn)$/i.test(f))
    .sort()
    .map(f => path.join(inDir, f));
  if (!files.length) {
    console.log(`render-diagrams: no *.bpmn or *.dmn files in ${inDir}; nothing to do.`);
    return;
  }

  checkEnvironment();
  mkdirSync(outDir, { recursive: true });

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS
  });

  const failures = [];
  try {
    for (const file of files) {
      const rel = path.relative(process.cwd(), file) || file;
      try {
        const written = /\.dmn$/i.test(file)
          ? await renderDmn(browser, file, outDir)
          : await renderBpmn(browser, file, outDir);
        for (const out of written) {
          console.log(`${rel} -> ${path.relative(process.cwd(), out)}`);
        }
      } catch (err) {
        console.error(`render-diagrams: FAILED ${rel}: ${err.message}`);
        failures.push(rel);
      }
    }
  } finally {
    await browser.close();
  }

  if (failures.length) {
    fail(`${failures.length} of ${files.length} diagram(s) failed to render: ${failures.join(', ')}`);
  }
  console.log(`render-diagrams: ${files.length} file(s) rendered to ${path.relative(process.cwd(), outDir) || outDir}`);
}

main().catch(err => fail(err.stack || err.message || String(err)));
