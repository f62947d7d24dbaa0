/**
 * What the audit (audit.mjs) and the screenshots (screenshots.mjs) share: the system's Chromium
 * started offline, the local server for a built site, and the site's pages.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
// a resolver that knows only 127.0.0.1 and localhost: nothing a page asks for reaches the network
export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
];
// a small phone (iPhone 12 to 15: the narrowest the site is laid out for), a tablet upright
// and a laptop, each with its usual height: the layout check and the screenshots use these
export const VIEWPORTS = [{ width: 390, height: 844 }, { width: 768, height: 1024 },
  { width: 1366, height: 768 }];

/** Fails early, with the fix, when the site was not built or Chromium is not installed. */
export function checkSetup(site) {
  if (!existsSync(join(site, 'index.html'))) throw new Error(`no site in ${site} (build it first)`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

/** Playwright driving the system's Chromium (playwright-core has no browser of its own). */
export const launch = () => chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

/** Every .html file under `dir`, as site-relative paths with '/', sorted. */
export function htmlFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) return htmlFiles(join(dir, entry.name), rel + '/');
    return entry.name.endsWith('.html') ? [rel] : [];
  }).sort();
}

/** The first paper page (publications/<key>.html) in sorted order, or undefined. */
export const firstPaper = (pages) => pages.find((p) => /^publications\/[^/]+\.html$/.test(p));

/** serve.py (Python's http.server; 404.html for a missing path) on a free port of 127.0.0.1. */
export function serve(dir) {
  const python = process.env.PYTHON || 'python3';
  const server = spawn(python, [join(HERE, 'serve.py'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, ko) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const port = /port (\d+)/.exec(out)?.[1];
      if (port) ok({ origin: `http://127.0.0.1:${port}`, close: () => server.kill() });
    });
    server.on('error', ko);
    server.on('exit', (code) => ko(new Error(`${python} serve.py exited (${code}): ${out}`)));
  });
}
