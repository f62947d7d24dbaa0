#!/usr/bin/env node
/**
 * Screenshots of the built site and images of the PDF CV's pages (`nox -s screenshots`; see
 * README.md beside this file).
 *
 *   node tests/audit/screenshots.mjs SITE_DIR --pdf PDF_FILE [--modern PDF_FILE] --out DIR
 *
 * SITE_DIR is served as the audit serves it (serve.py on 127.0.0.1, Chromium offline: see
 * browser.mjs), and each page pagesToShow() names is captured whole (full page) at each width
 * in VIEWPORTS (390, 768 and 1366 px), in the light and the dark colour scheme
 * (prefers-color-scheme: furo follows it until a visitor picks a theme), as
 * DIR/<page>-<width>-<light|dark>.png. The PDF CV (--pdf) becomes DIR/cv-<n>.png, one image
 * per page at 70 dpi, with `pdftoppm` (poppler-utils); the same CV in the "modern" design
 * (--modern) gives its first page, DIR/cv-modern-1.png. Every image
 * is then shrunk by palette.py (Python with Pillow: $PYTHON or python3). Any other file in DIR is
 * an image of an earlier run that this one no longer makes, and is removed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { VIEWPORTS, checkSetup, firstPaper, htmlFiles, launch, serve } from './browser.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCHEMES = ['light', 'dark'];
const PDF_DPI = 70;

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { pdf: { type: 'string' }, modern: { type: 'string' }, out: { type: 'string' } },
});
if (positionals.length !== 1 || !opts.pdf || !opts.out) {
  console.error('usage: node screenshots.mjs SITE_DIR --pdf PDF_FILE [--modern PDF_FILE] --out DIR');
  process.exit(2);
}
const SITE = resolve(positionals[0]);
const PDF_FILE = resolve(opts.pdf);
const MODERN_FILE = opts.modern ? resolve(opts.modern) : null;
const OUT = resolve(opts.out);

/** The pages to show, by the name their images get: {name: site-relative path}. */
function pagesToShow(site) {
  const all = htmlFiles(site);
  const pages = { home: 'index.html', publications: 'publications.html', projects: 'projects.html',
    honors: 'honors.html', paper: firstPaper(all) };
  const missing = Object.entries(pages).filter(([, path]) => !all.includes(path)).map(([name]) => name);
  if (missing.length) throw new Error(`${site} has no page for: ${missing.join(', ')}`);
  return pages;
}

/** The PDF CV's pages as OUT/cv-<n>.png; returns the files written. */
function pdfPages(pdf, out) {
  // pdftoppm numbers the pages itself (cv-01.png from 10 pages on): clear the earlier run's
  // images first, so what is there afterwards is exactly this PDF's pages
  const isPage = (f) => /^cv-\d+\.png$/.test(f);
  for (const f of readdirSync(out).filter(isPage)) rmSync(join(out, f));
  try {
    execFileSync('pdftoppm', ['-r', String(PDF_DPI), '-png', pdf, join(out, 'cv')]);
  } catch (e) {
    throw new Error(`pdftoppm failed (apt-get install poppler-utils): ${e.message}`);
  }
  return readdirSync(out).filter(isPage);
}

/** The first page of a PDF as OUT/<name>.png; returns the file written. */
function firstPage(pdf, out, name) {
  try {
    execFileSync('pdftoppm', ['-r', String(PDF_DPI), '-png', '-f', '1', '-l', '1', '-singlefile',
                              pdf, join(out, name)]);
  } catch (e) {
    throw new Error(`pdftoppm failed (apt-get install poppler-utils): ${e.message}`);
  }
  return `${name}.png`;
}

/** palette.py on the images: a 256-colour palette where it shows no difference (half the size). */
function shrink(files) {
  const python = process.env.PYTHON || 'python3';
  try {
    execFileSync(python, [join(HERE, 'palette.py'), ...files], { stdio: ['ignore', 'inherit', 'pipe'] });
  } catch (e) {
    throw new Error(`${python} palette.py failed (pip install pillow): ${e.stderr || e.message}`);
  }
}

async function main() {
  checkSetup(SITE);
  shrink([]); // no files: fails now rather than after the captures if Pillow is missing
  const pages = pagesToShow(SITE);
  mkdirSync(OUT, { recursive: true });
  const written = new Set();
  const server = await serve(SITE);
  try {
    const browser = await launch();
    try {
      for (const viewport of VIEWPORTS) {
        for (const colorScheme of SCHEMES) {
          const context = await browser.newContext({ viewport, colorScheme });
          const tab = await context.newPage();
          for (const [name, path] of Object.entries(pages)) {
            const response = await tab.goto(`${server.origin}/${path}`, { waitUntil: 'networkidle' });
            if (response.status() !== 200) throw new Error(`HTTP ${response.status()} for ${path}`);
            const file = `${name}-${viewport.width}-${colorScheme}.png`;
            await tab.screenshot({ path: join(OUT, file), fullPage: true, animations: 'disabled' });
            written.add(file);
          }
          await context.close();
        }
      }
    } finally { await browser.close(); }
  } finally { server.close(); }
  for (const file of pdfPages(PDF_FILE, OUT)) written.add(file);
  if (MODERN_FILE) written.add(firstPage(MODERN_FILE, OUT, 'cv-modern-1'));

  shrink([...written].map((f) => join(OUT, f)));
  const stale = readdirSync(OUT).filter((f) => !written.has(f));
  for (const file of stale) rmSync(join(OUT, file), { recursive: true });
  const bytes = [...written].reduce((sum, f) => sum + statSync(join(OUT, f)).size, 0);
  console.log(`${written.size} images in ${OUT} (${(bytes / 1024 / 1024).toFixed(1)} MiB)`
    + (stale.length ? `; removed ${stale.length} no longer made: ${stale.join(', ')}` : ''));
}

main().catch((e) => { console.error(e); process.exitCode = 2; });
