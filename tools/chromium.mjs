// Debian Chromium for the diagram renderer and the browser tests.
// No browser is ever downloaded: playwright-core drives /usr/bin/chromium
// from Debian's `chromium` package; `fonts-wqy-microhei` renders Chinese.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export const DEBIAN_PACKAGES = [ 'chromium', 'fonts-wqy-microhei' ];

function hasChineseFont() {
  try {
    return execFileSync('fc-list', [ ':lang=zh' ], { encoding: 'utf-8' }).trim().length > 0;
  } catch (e) {
    return false;
  }
}

/**
 * Makes sure Chromium and a Chinese font are installed. When something is
 * missing and we run as root with apt-get available (CI, fresh dev machine),
 * installs the Debian packages; otherwise throws with the command to run.
 */
export function ensureChromium({ log = console.error } = {}) {
  const chromiumMissing = !existsSync(CHROMIUM_PATH);
  const fontMissing = !hasChineseFont();
  if (!chromiumMissing && !fontMissing) {
    return;
  }
  const what = [ chromiumMissing && CHROMIUM_PATH, fontMissing && 'a Chinese font' ].filter(Boolean).join(' and ');
  const command = `apt-get update && apt-get install -y ${DEBIAN_PACKAGES.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const canApt = existsSync('/usr/bin/apt-get');
  const customPath = chromiumMissing && CHROMIUM_PATH !== '/usr/bin/chromium';

  if (!isRoot || !canApt || customPath || process.env.XINFANG_NO_APT === '1') {
    if (chromiumMissing) {
      throw new Error(`${CHROMIUM_PATH} not found. Install Debian's Chromium: ${command}`);
    }
    log(`WARNING: no Chinese font installed; Chinese text will show as boxes (${command})`);
    return;
  }

  log(`${what} missing: running "${command}"`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [ [ 'update', '-q' ], [ 'install', '-y', '-q', ...DEBIAN_PACKAGES ] ]) {
    const result = spawnSync('apt-get', args, { stdio: [ 'ignore', 'inherit', 'inherit' ], env });
    if (result.status !== 0) {
      throw new Error(`"apt-get ${args.join(' ')}" failed (exit ${result.status})`);
    }
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} still missing after installing ${DEBIAN_PACKAGES.join(' ')}`);
  }
}
