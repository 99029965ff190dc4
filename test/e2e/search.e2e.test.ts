import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser';
import { apiCall, uploadText, type SignedInSession, startSignedInSession } from '../helpers/e2e-session';
import type { RunningServer } from '../helpers/server-process';

describeBrowser('end to end: searching the transcripts', () => {
  let server: RunningServer;
  let session: SignedInSession;
  let page: Page;
  let projectId: string;

  beforeAll(async () => {
    session = await startSignedInSession({ viewport: { width: 1400, height: 900 } });
    ({ server, page } = session);
    page.setDefaultTimeout(8000);
    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Search study' })).id;
    await uploadText(page, projectId, 'fr-liege.txt', "Enquêtrice : Et l'endettement ?\n\nRépondant : L'endettement des jeunes pousse vers le deal, surtout près de la gare.");
    await uploadText(page, projectId, 'nl-gent.txt', 'Interviewer: En de schulden?\n\nRespondent: De schuld bij de dealer groeit elke week.');
    await apiCall(page, 'POST', `/api/projects/${projectId}/codes`, { name: 'Debt' });
  });

  afterAll(() => session?.close());

  it('finds accented words typed without accents, opens the reader at the hit, and auto-codes the hits', async () => {
    await page.goto(`${server.url}/projects/${projectId}/search`);
    await page.getByLabel('Search the transcripts').fill('ENDETTEMENT schuld');
    await page.keyboard.press('Enter');
    await page.getByText('0 hits in 0 documents.').waitFor(); // both words must be in one turn
    await page.getByLabel('Search the transcripts').fill('endettement');
    await page.keyboard.press('Enter');
    await page.getByText(/2 hits in 1 documents/).waitFor();
    expect(await page.locator('.kwic mark').allTextContents()).toEqual(['endettement', 'endettement']);

    await page.getByLabel('Search the transcripts').fill('"de schuld"');
    await page.keyboard.press('Enter');
    await page.locator('.kwic mark', { hasText: 'De schuld' }).waitFor();
    await page.locator('.kwic').first().click();
    await page.locator('.turn-text').first().waitFor();
    await expect.poll(() => page.evaluate(() => [...(CSS.highlights.get('socprev-flash') ?? [])].map((r) => (r as Range).toString()))).toEqual(['De schuld']);

    await page.goBack();
    await page.getByLabel('Search the transcripts').fill('endettement');
    await page.keyboard.press('Enter');
    await page.getByText(/2 hits in 1 documents/).waitFor();
    await page.getByRole('button', { name: 'Auto-code the hits' }).click();
    await page.locator('autocode-panel select').selectOption({ label: 'Debt' });
    await page.getByLabel('their sentence').check();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('2 passages in 1 documents would be coded:').waitFor();
    await page.getByRole('button', { name: 'Code 2 passages' }).click();
    await page.getByText(/2 passages coded with Debt/).waitFor();
    const codes = await apiCall<{ codes: { name: string; codingCount: number }[] }>(page, 'GET', `/api/projects/${projectId}/codes`);
    expect(codes.codes[0]).toMatchObject({ name: 'Debt', codingCount: 2 });
  });
});
