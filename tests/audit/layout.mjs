/**
 * The layout check of the audit (audit.mjs): one page at each width in VIEWPORTS (390 px, a
 * small phone, where a layout breaks first; 768 and 1366 px, where a narrow dates column of a
 * table breaks instead), the widths the screenshots show.
 *
 *  wrap      no CV date runs onto a second line: "03/2020 –" over "Present" reads as two
 *            facts. A date is an element of class portfolio-date (one date or range, inside a
 *            date cell), or a date cell or header of the CV tables (class portfolio-dates)
 *            without such elements, as a whole. A cell listing several dates ("Spring 2021,
 *            Fall 2021, Spring 2022") may break between them, as the PDF does, never inside one.
 *  overflow  nothing is wider than the viewport (the document's scrollWidth is at most its
 *            width): a page that scrolls sideways hides its right edge on a phone. The failure
 *            names the element that reaches furthest right.
 *  scroll    nor does a box scroll sideways inside the page (a table in furo's wrapper, its
 *            dates out of sight), code and display math excepted.
 */
import { VIEWPORTS } from './browser.mjs';

const DATES = '.portfolio-date, .portfolio-dates:not(:has(.portfolio-date))';

/** Runs in the page: [{check, where, message}], one per date that wraps, one for an overflowing
 * page, one per box that scrolls sideways. */
function measure(selector) {
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
    + [...el.classList].map((c) => `.${c}`).join('');
  const snippet = (text) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
  };
  /** Where an element is: its cell, its row (by the row's first cell) and its section. */
  const context = (el) => {
    const row = el.closest('tr');
    const label = row && row.cells[0] !== el.closest('td, th') ? ` in the row "${snippet(row.cells[0].textContent)}"` : '';
    const cell = el.closest('td, th');
    const inCell = cell && cell !== el ? ` in <${describe(cell)}>` : '';
    const section = el.closest('section')?.querySelector('h1, h2, h3, h4')?.textContent;
    return `${inCell}${label}${section ? ` (section "${snippet(section.replace(/[¶#]\s*$/, ''))}")` : ''}`;
  };
  const problems = [];

  // The lines an element's text is laid out on, each with its text: one rectangle per line
  // fragment of each text node; fragments overlapping vertically share a line (a <sup> or a
  // taller inline box shifts its fragment a little, not onto a line of its own).
  for (const el of document.querySelectorAll(selector)) {
    const lines = []; // {top, bottom, text}
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      for (let i = 0; i < node.data.length; i += 1) { // per character: a line's text, not only its count
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = [...range.getClientRects()].find((r) => r.width > 0 || r.height > 0);
        if (!box) continue; // collapsed white space, or hidden
        const line = lines.find((l) => box.top < l.bottom - 1 && box.bottom > l.top + 1);
        if (line) {
          line.text += node.data[i];
          line.top = Math.min(line.top, box.top);
          line.bottom = Math.max(line.bottom, box.bottom);
        } else lines.push({ top: box.top, bottom: box.bottom, text: node.data[i] });
      }
    }
    if (lines.length > 1) {
      lines.sort((a, b) => a.top - b.top);
      problems.push({ check: 'wrap', where: `${describe(el)}${context(el)}`,
        message: `"${snippet(el.textContent)}" wraps onto ${lines.length} lines: `
          + lines.map((l) => `"${l.text.trim()}"`).join(' / ') });
    }
  }

  const root = document.documentElement;
  const viewport = root.clientWidth; // the viewport less a classic scrollbar, if any
  if (root.scrollWidth > viewport) {
    // What reaches past the right edge and makes the document scroll: not what a scrolling or
    // clipping box (a table's wrapper, a code block) keeps inside, nor a fixed drawer off-screen.
    const clipped = (el) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.position === 'fixed') return true;
        if (style.overflowX !== 'visible' && up.getBoundingClientRect().right <= viewport) return true;
      }
      return getComputedStyle(el).position === 'fixed';
    };
    let widest = null;
    let right = viewport;
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      // the outermost element at the furthest right edge: an element before its children
      if (box.right > right + 0.5 && !clipped(el)) { widest = el; right = box.right; }
    }
    problems.push({ check: 'overflow', where: widest ? `${describe(widest)}${context(widest)}` : 'html',
      message: `the page is ${root.scrollWidth} px wide in a ${viewport} px viewport`
        + (widest ? `; widest: <${describe(widest)}> reaching ${Math.round(right)} px, `
          + `"${snippet(widest.textContent)}"` : '') });
  }

  // A box that scrolls sideways within the page (furo wraps every table in one) hides its right
  // part as surely, a CV table's dates first; code and display math may scroll, as usual.
  for (const el of document.body.querySelectorAll('*')) {
    if (!['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) continue;
    if (el.scrollWidth <= el.clientWidth + 1 || el.matches('pre, .highlight, :has(> pre), math, .math')) continue;
    problems.push({ check: 'scroll', where: `${describe(el)}${context(el)}`,
      message: `<${describe(el)}> scrolls sideways, ${el.scrollWidth} px of content in `
        + `${el.clientWidth} px: "${snippet(el.textContent)}"` });
  }
  return problems;
}

/** One page at each width (light scheme): [{width, check, where, message}], check being 'wrap',
 * 'overflow' or 'scroll'. */
export async function checkLayout(browser, origin, page) {
  const problems = [];
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ viewport });
    try {
      const tab = await context.newPage();
      await tab.goto(`${origin}/${page}`, { waitUntil: 'networkidle' });
      const found = await tab.evaluate(measure, DATES);
      problems.push(...found.map((p) => ({ width: viewport.width, ...p })));
    } finally { await context.close(); }
  }
  return problems;
}
