import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../helpers/browser';
import { apiCall, logInThroughUi } from '../helpers/e2e-session';
import { type RunningServer, startServer } from '../helpers/server-process';

/** WCAG 2.0–2.2 A and AA rules; a page passes with no serious or critical violation. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describeBrowser('end to end: accessibility of every main page (axe-core)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let projectId: string;
  let documentId: string;
  const failures: string[] = [];

  /** Runs axe on the page as it is now and records its serious and critical violations under `name`. */
  async function check(name: string) {
    await page.waitForTimeout(150);
    const { violations } = await new AxeBuilder({ page } as never).withTags(TAGS).analyze();
    for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1, 2).join('').trim()})` : ''}`).join('; ');
      failures.push(`${name}: ${v.id} [${v.impact}] ${v.help} — ${where}`);
      console.warn(failures.at(-1));
    }
  }

  const open = async (path: string, ready: string) => {
    await page.goto(`${server.url}${path}`);
    await page.locator(ready).first().waitFor().catch(async (error: Error) => {
      await page.screenshot({ path: `.tmp/a11y-failed-${path.replace(/\W+/g, '-')}.png` }).catch(() => undefined);
      throw error;
    });
    await page.waitForLoadState('networkidle');
  };

  beforeAll(async () => {
    server = await startServer({}, ['--demo']);
    browser = await launchBrowser();
    // AxeBuilder needs a page of an explicit context.
    page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('E-mail address').waitFor();
    await check('login');
    await logInThroughUi(page, server.url, 'demo@socprev.example', 'fictional-owner-2026');
    const projects = await apiCall<{ projects: { id: string }[] }>(page, 'GET', '/api/projects');
    projectId = projects.projects[0]!.id;
    const documents = await apiCall<{ documents: { id: string }[] }>(page, 'GET', `/api/projects/${projectId}/documents`);
    documentId = documents.documents[0]!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('has no serious or critical violation on any main page', { timeout: 240_000 }, async () => {
    await open('/', '.project-link');
    await check('projects');
    await open(`/projects/${projectId}/documents`, 'table');
    await check('documents');

    await open(`/documents/${documentId}`, '.stripe');
    await check('reader with codings');
    await page.evaluate(() => {
      const node = [...document.querySelectorAll('.turn-text')[0]!.childNodes].find((n) => n.nodeType === Node.TEXT_NODE)!;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, Math.min(12, node.textContent!.length));
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      document.querySelector<HTMLElement>('.reader-text')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await page.locator('.reader-text').focus();
    await page.keyboard.press('c');
    await page.getByPlaceholder('Type to find or create a code').waitFor();
    await check('reader with the code picker open');

    await open(`/projects/${projectId}/codes`, '.code-tree');
    await check('codebook');
    await open(`/projects/${projectId}/memos`, 'memos-tab');
    await check('memos');
    await open(`/projects/${projectId}/search`, '#search-q');
    await page.locator('#search-q').fill('school');
    await page.keyboard.press('Enter');
    await page.locator('.kwic').first().waitFor();
    await check('search with results');
    await open(`/projects/${projectId}/queries`, 'queries-tab');
    await check('queries');
    for (const view of ['saturation', 'agreement', 'frequencies', 'crosstab', 'cooccurrence']) {
      await open(`/projects/${projectId}/review?view=${view}`, 'review-tab .subtabs');
      await page.waitForLoadState('networkidle');
      await check(`review: ${view}`);
    }
    for (const view of ['sources', 'gaps', 'coverage']) {
      await open(`/projects/${projectId}/literature?view=${view}`, 'literature-tab .subtabs');
      await page.waitForLoadState('networkidle');
      await check(`literature: ${view}`);
    }
    for (const view of ['records', 'assessment', 'inventory']) {
      await open(`/projects/${projectId}/practices?view=${view}`, 'practices-tab .subtabs');
      await page.waitForLoadState('networkidle');
      await check(`practices: ${view}`);
    }
    for (const [tab, ready] of [['attributes', 'attributes-tab'], ['exchange', 'exchange-tab'], ['members', 'members-tab'], ['activity', 'activity-tab'], ['settings', 'settings-tab']]) {
      await open(`/projects/${projectId}/${tab}`, ready!);
      await page.waitForLoadState('networkidle');
      await check(tab!);
    }
    await open('/account', 'account-page h1');
    await check('account');
    await open('/help/reader', 'help-page h1');
    await check('help page');
    await page.keyboard.press('?');
    await page.locator('shortcut-sheet dialog[open]').waitFor();
    await check('keyboard shortcut sheet');

    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('shows a visible focus ring on keyboard focus', async () => {
    await open(`/projects/${projectId}/documents`, 'table');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as HTMLElement);
      return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.outline).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });

  it('names every coding stripe on keyboard focus, and opens its passage with Enter', async () => {
    await open(`/documents/${documentId}`, '.stripe');
    const first = page.locator('.stripe').first();
    expect(await page.locator('.stripe[tabindex="0"]').count()).toBe(1);
    await first.focus();
    const label = await first.getAttribute('aria-label');
    expect(label).toBeTruthy();
    expect(await first.evaluate((el) => getComputedStyle(el, '::after').content)).toBe(JSON.stringify(label));
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('stripe'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.segment-popover').first().waitFor();
  });

  it('opens the shortcut sheet with ? outside text fields, and runs the guided tour from the Help menu by keyboard', async () => {
    await open(`/projects/${projectId}/search`, '#search-q');
    await page.locator('#search-q').focus();
    await page.keyboard.type('why?');
    expect(await page.locator('shortcut-sheet dialog[open]').count()).toBe(0);
    await page.locator('h1').first().click();
    await page.keyboard.press('?');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await page.locator('shortcut-sheet kbd', { hasText: 'Ctrl' }).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('shortcut-sheet dialog[open]').count()).toBe(0);

    await page.getByRole('button', { name: 'Help' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Help on this screen' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the guided tour
    await page.getByRole('heading', { name: '1. Import your transcripts' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tour-title');
    await page.getByRole('button', { name: 'Take me there' }).press('Enter');
    await page.waitForURL(/\/documents$/);
    await page.getByRole('button', { name: 'Next' }).press('Enter');
    await page.getByRole('heading', { name: '2. Code a passage' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '2. Code a passage' }).waitFor(); // remembered for this user
    await page.locator('#tour-title').press('Escape');
    await expect.poll(() => page.locator('.tour-card').count()).toBe(0);
    await page.reload();
    await page.locator('documents-tab table').waitFor();
    expect(await page.locator('.tour-card').count()).toBe(0);
    const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('socprev.tour.')).map(([, v]) => JSON.parse(v).status));
    expect(stored).toEqual(['dismissed']);
  });

  it('explains the next step in an empty project and offers the tour, with a help page per screen in three languages', async () => {
    const empty = await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Empty study' });
    // A newcomer who never started the guided tour is offered it in the empty screen.
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('socprev.tour.')).forEach((k) => localStorage.removeItem(k)));
    await open(`/projects/${empty.id}/documents`, 'documents-tab .empty-state');
    await page.locator('documents-tab tour-offer').getByRole('button', { name: 'Start the guided tour' }).click();
    await page.locator('.tour-card').waitFor();
    await expect.poll(() => page.locator('documents-tab tour-offer button').count()).toBe(0);
    await page.locator('#tour-title').press('Escape');
    await page.locator('documents-tab .empty-state').getByRole('button', { name: 'Import transcripts' }).click();
    await page.locator('upload-panel').waitFor();
    for (const [tab, title] of [['codes', 'No codes yet'], ['memos', 'No memos yet'], ['literature', 'No sources yet'], ['practices', 'No practice records yet']]) {
      await open(`/projects/${empty.id}/${tab}`, '.empty-state');
      await page.getByRole('heading', { name: title! }).waitFor();
      await check(`empty ${tab}`);
    }
    await page.locator('.empty-state .help-link').click();
    await page.getByRole('heading', { name: 'Help: Practices' }).waitFor();
    await page.getByRole('link', { name: 'Open this screen' }).waitFor();
    await page.locator('#locale-select').selectOption('nl');
    await page.getByRole('heading', { name: 'Hulp: Praktijken' }).waitFor();
    await page.locator('#locale-select').selectOption('fr');
    await page.getByRole('heading', { name: 'Aide : Pratiques' }).waitFor();
    await page.locator('#locale-select').selectOption('en');
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
