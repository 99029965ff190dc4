/** First render of the reader in Chromium (playwright-core), for `npm run bench`. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface ReaderRun {
  /** performance.now() in the page (ms since navigation start) when the first `.reader-text .turn` existed. */
  turnsMs: number;
  /** … when the first highlight was registered in `CSS.highlights`. */
  highlightsMs: number;
  /** … at the first animation frame after both: the transcript with its highlights is on screen. */
  readyMs: number;
  /** Navigation timing of the HTML document, for reference. */
  domContentLoadedMs: number;
  turns: number;
  highlights: number;
}

export type ReaderResult = { skipped: string } | { chromium: string; version: string; runs: ReaderRun[]; apiRequests: string[] };

function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(candidate)) return candidate;
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    return found && fs.existsSync(found) ? found : null;
  } catch {
    return null;
  }
}

/**
 * Records, inside the page, with performance marks (`socprev-bench:turns|highlights|ready`), when the first turn is in the DOM (MutationObserver, or the first
 * highlight call, whichever comes first: Lit paints highlights in the same task as the turns, before
 * the observer runs), when the first highlight is registered (wrapping `HighlightRegistry.prototype.set`;
 * polling as a fallback), and the first animation frame after both (`readyMs`).
 */
const INSTRUMENT = `
(() => {
  const marks = (window.__bench = { turnsMs: 0, highlightsMs: 0, readyMs: 0 });
  const checkTurns = () => {
    if (!marks.turnsMs && document.querySelector('.reader-text .turn')) marks.turnsMs = performance.mark('socprev-bench:turns').startTime;
  };
  const checkHighlights = () => {
    if (!marks.highlightsMs && typeof CSS !== 'undefined' && CSS.highlights && CSS.highlights.size > 0) marks.highlightsMs = performance.mark('socprev-bench:highlights').startTime;
  };
  if (typeof HighlightRegistry !== 'undefined') {
    const set = HighlightRegistry.prototype.set;
    HighlightRegistry.prototype.set = function (...args) {
      checkTurns();
      const result = set.apply(this, args);
      checkHighlights();
      return result;
    };
  }
  new MutationObserver(() => { checkTurns(); checkHighlights(); }).observe(document, { childList: true, subtree: true });
  const poll = () => {
    checkTurns();
    checkHighlights();
    if (marks.turnsMs && marks.highlightsMs) marks.readyMs = performance.mark('socprev-bench:ready').startTime;
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();
`;

// Page scripts are strings: functions compiled by tsx would refer to its helpers, absent in the page.
const READ_MARKS = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const round = (ms) => Math.round(ms * 10) / 10;
  const mark = (name) => round(performance.getEntriesByName('socprev-bench:' + name, 'mark')[0]?.startTime ?? NaN);
  return {
    turnsMs: mark('turns'), highlightsMs: mark('highlights'), readyMs: mark('ready'),
    domContentLoadedMs: round(nav ? nav.domContentLoadedEventEnd : 0),
    turns: document.querySelectorAll('.reader-text .turn').length, highlights: CSS.highlights.size,
  };
})()`;

/**
 * Opens `/documents/:id` signed in with `session` (a fresh browser context, then `reloads` reloads)
 * and reports the in-page times. Skips (with the reason) when Chromium or playwright-core is missing.
 */
export async function measureReader(baseUrl: string, session: { name: string; value: string }, documentId: string, reloads = 2): Promise<ReaderResult> {
  const executablePath = findChromium();
  if (!executablePath) return { skipped: 'Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)' };
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    return { skipped: 'playwright-core is not installed (npm install)' };
  }
  const browser = await playwright.chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: session.name, value: session.value, url: baseUrl }]);
    await context.addInitScript(INSTRUMENT);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const runs: ReaderRun[] = [];
    // The API requests the reader makes on its first load (GET, path and query), to time them on the server.
    const apiRequests: string[] = [];
    const onRequest = (request: { method(): string; url(): string }) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname.startsWith('/api/') && runs.length === 0) apiRequests.push(url.pathname + url.search);
    };
    page.on('request', onRequest);
    for (let i = 0; i <= reloads; i++) {
      if (i === 0) await page.goto(`${baseUrl}/documents/${documentId}`);
      else await page.reload();
      // Polling with page.evaluate (CDP, not subject to the page's CSP; waitForFunction needs eval).
      const deadline = Date.now() + 60_000;
      while (!(await page.evaluate('Boolean(window.__bench && window.__bench.readyMs > 0)'))) {
        if (Date.now() > deadline) throw new Error(`the reader did not show turns and highlights within 60 s${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      runs.push((await page.evaluate(READ_MARKS)) as ReaderRun);
    }
    return { chromium: executablePath, version: browser.version(), runs, apiRequests: [...new Set(apiRequests)] };
  } finally {
    await browser.close();
  }
}
