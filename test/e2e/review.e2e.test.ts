import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../helpers/browser';
import { logInThroughUi } from '../helpers/e2e-session';
import { type RunningServer, startServer } from '../helpers/server-process';

describeBrowser('end to end: team review of the demo project', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({}, ['--demo']);
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    page.setDefaultTimeout(15_000);
    await logInThroughUi(page, server.url, 'demo@socprev.example', 'fictional-owner-2026');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the saturation dashboard and the agreement view', async () => {
    await page.locator('.project-link').first().click();
    await page.getByRole('link', { name: 'Review' }).click();
    const verdict = page.locator('.saturation-verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/Saturation reached at 4\+\d+/);
    const chart = page.locator('chart-figure svg[role="img"]').first();
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toBe('Codes found, interview by interview');
    expect(await page.locator('.review-grid table').first().locator('tbody tr').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Agreement' }).click();
    await page.locator('.stat-cards').waitFor();
    const kappa = Number(await page.locator('.stat-cards div').nth(1).locator('dd').textContent());
    expect(kappa).toBeGreaterThan(0);
    expect(kappa).toBeLessThan(1);
    const firstCode = page.locator('.data-table tbody tr').first();
    await firstCode.locator('select').selectOption({ index: 1 });
    await page.locator('#disagreements').waitFor();
    expect(await page.locator('#disagreements h3').textContent()).toMatch(/Disagreements on/);
  });
});
