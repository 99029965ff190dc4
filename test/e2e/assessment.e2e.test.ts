import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser';
import { apiCall, type SignedInSession, startSignedInSession } from '../helpers/e2e-session';
import type { RunningServer } from '../helpers/server-process';

describeBrowser('end to end: assessment protocol and inventory', () => {
  let server: RunningServer;
  let session: SignedInSession;
  let page: Page;
  let projectId: string;

  beforeAll(async () => {
    session = await startSignedInSession();
    ({ server, page } = session);
    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Assessment study', description: 'Invented test data.' })).id;
    await apiCall(page, 'POST', `/api/projects/${projectId}/practices`, {
      name: 'Fictional Station Outreach', region: 'flanders', municipality: 'Antwerpen', crimeTypes: ['economic_compulsive'], evidenceRating: 'promising',
      description: 'Street workers <em>talk</em> to people at the station.',
    });
  });

  afterAll(() => session?.close());

  it('adds a criterion, scores a practice in the matrix and finds it in the printable inventory', async () => {
    await page.goto(`${server.url}/projects/${projectId}/practices?view=assessment`);
    await page.getByText('No criteria yet').waitFor();
    await page.getByLabel('Name').fill('Has a logic model');
    await page.getByLabel('Description').fill('A written theory of change.');
    await page.getByRole('button', { name: 'Add criterion' }).click();
    await page.getByText('Criterion “Has a logic model” added.').waitFor();

    const cell = page.getByLabel('Score of Fictional Station Outreach on Has a logic model');
    await cell.waitFor();
    await cell.focus();
    await cell.selectOption('met');
    await page.getByText('Fictional Station Outreach: Met on “Has a logic model”.').waitFor();
    await page.locator('.assessment-matrix tfoot td', { hasText: '1 · 100%' }).waitFor();
    expect(await page.locator('.assessment-matrix td.score-met').count()).toBe(1);

    await page.getByRole('button', { name: /Note and evidence of Fictional Station Outreach on Has a logic model/ }).click();
    await page.getByLabel('Note', { exact: true }).fill('Fictional: a one-page model.');
    await page.getByRole('button', { name: 'Save score' }).click();
    await page.locator('.assessment-matrix .score-details', { hasText: '✎' }).waitFor();
    await page.locator('.score-dialog').getByRole('button', { name: 'Close', exact: true }).click();

    await page.getByRole('button', { name: 'Inventory' }).click();
    await page.getByText('Practice records: 1 · themes: 0 · interview quotes: 0 · literature references: 0 · scores: 1').waitFor();
    const [report] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Open printable report' }).click()]);
    await report.waitForLoadState();
    await report.getByRole('heading', { name: '1. Fictional Station Outreach' }).waitFor();
    const text = await report.locator('body').innerText();
    expect(text).toContain('Invented test data.');
    expect(text).toContain('Street workers <em>talk</em> to people at the station.');
    expect(text).toContain('Fictional: a one-page model.');
    expect(text).toMatch(/Has a logic model\s+✔ Met/);
    await report.close();
  });
});
