import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../helpers/browser';
import { apiCall, logInThroughUi, uploadText } from '../helpers/e2e-session';
import { type RunningServer, startServer } from '../helpers/server-process';

const EMAIL = 'lead@example.org';
const PASSWORD = 'a long enough password';
const TEXT = `Interviewer: Where do the people you work with sleep?

Respondent: Many sleep rough around the station. Others lost their flat after the debts piled up.

Interviewer: And in winter?

Respondent: The night shelter is full by nine, so they sleep in the parking garage.`;

interface ApiCode {
  id: string;
  parentId: string | null;
  name: string;
  codingCount: number;
}

describeBrowser('end to end: the codebook', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let projectId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer({ SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await logInThroughUi(page, server.url, EMAIL, PASSWORD);

    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Codebook study' })).id;
    for (const name of ['Housing', 'Homelessness', 'Rough sleeping', 'Debt']) {
      ids[name] = (await apiCall<ApiCode>(page, 'POST', `/api/projects/${projectId}/codes`, { name })).id;
    }
    const documentId = await uploadText(page, projectId, 'station-interview.txt', TEXT);
    const doc = await apiCall<{ text: string }>(page, 'GET', `/api/documents/${documentId}`);
    const code = async (exact: string, codeNames: string[]) => {
      const start = doc.text.indexOf(exact);
      expect(start).toBeGreaterThanOrEqual(0);
      await apiCall(page, 'POST', `/api/documents/${documentId}/segments`, { start, end: start + exact.length, exact, codeIds: codeNames.map((n) => ids[n]!) });
    };
    // Homelessness on two passages, Rough sleeping on two, one passage with both (it collapses on merging).
    await code('Many sleep rough around the station.', ['Homelessness', 'Rough sleeping']);
    await code('Others lost their flat after the debts piled up.', ['Homelessness', 'Debt']);
    await code('so they sleep in the parking garage', ['Rough sleeping']);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const tree = () => page.locator('code-tree [role="tree"]');
  const row = (name: string): Locator => tree().getByRole('treeitem', { name: new RegExp(`^${name},`) });
  /** The tree as "level:name:codings" lines, in display order. */
  const outline = () => tree().locator('[role="treeitem"]').evaluateAll((items) => items.map((li) =>
    `${li.getAttribute('aria-level')}:${li.querySelector('.code-name')!.textContent}:${li.querySelectorAll('.code-count')[0]!.textContent}`));
  const codes = async () => (await apiCall<{ codes: ApiCode[] }>(page, 'GET', `/api/projects/${projectId}/codes`)).codes;

  it('shows the codebook, nests a code by drag and drop, merges two codes and updates the tree and counts', async () => {
    await page.goto(`${server.url}/projects/${projectId}`);
    await page.getByRole('link', { name: 'Codes', exact: true }).click();
    await row('Housing').waitFor();
    expect(await outline()).toEqual(['1:Housing:0', '1:Homelessness:2', '1:Rough sleeping:2', '1:Debt:1']);

    // A new code from the inline form.
    await page.getByRole('button', { name: 'New code' }).click();
    await page.getByLabel('Name').fill('Night shelters');
    await page.getByRole('button', { name: 'Add code' }).click();
    await row('Night shelters').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Drag "Rough sleeping" onto the middle of "Housing": it becomes its sub-code.
    const housing = await row('Housing').boundingBox();
    await row('Rough sleeping').dragTo(row('Housing'), { targetPosition: { x: 80, y: housing!.height / 2 } });
    await page.getByText('“Rough sleeping” moved into “Housing”.').waitFor();
    await expect.poll(outline).toEqual(['1:Housing:0', '2:Rough sleeping:2', '1:Homelessness:2', '1:Debt:1', '1:Night shelters:0']);
    expect((await codes()).find((c) => c.name === 'Rough sleeping')!.parentId).toBe(ids.Housing);

    // Drag "Night shelters" onto the upper edge of "Rough sleeping": before it, inside "Housing".
    await row('Night shelters').dragTo(row('Rough sleeping'), { targetPosition: { x: 80, y: 2 } });
    await expect.poll(outline).toEqual(['1:Housing:0', '2:Night shelters:0', '2:Rough sleeping:2', '1:Homelessness:2', '1:Debt:1']);

    // Merge "Homelessness" into "Rough sleeping" from the code's menu.
    await row('Homelessness').getByRole('button', { name: 'Actions for “Homelessness”' }).click();
    await page.getByRole('menuitem', { name: 'Merge into…' }).click();
    const chooser = page.locator('code-choice-dialog dialog');
    await chooser.getByLabel('Filter').fill('rough');
    await chooser.getByRole('button', { name: 'Next' }).click();
    const confirm = page.locator('confirm-dialog dialog');
    await confirm.getByRole('heading', { name: 'Merge “Homelessness” into “Rough sleeping”?' }).waitFor();
    await confirm.getByRole('button', { name: 'Merge' }).click();
    await page.getByText('“Homelessness” merged into “Rough sleeping”: 1 coding moved, 1 duplicate collapsed.').waitFor();
    await expect.poll(outline).toEqual(['1:Housing:0', '2:Night shelters:0', '2:Rough sleeping:3', '1:Debt:1']);
    expect(await row('Rough sleeping').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('code-editor').getByText('3 codings in 1 document').count()).toBe(1);

    // Its passages, grouped by document, with the quote in its context.
    await page.locator('code-editor').getByRole('button', { name: 'Coded passages' }).click();
    const retrieval = page.locator('retrieval-view');
    await retrieval.getByText('3 passages in 1 document').waitFor();
    expect(await retrieval.locator('.passage-hit').allTextContents()).toEqual([
      'Many sleep rough around the station.', 'Others lost their flat after the debts piled up.', 'so they sleep in the parking garage',
    ]);

    // The tree survives a reload (the server has it all).
    await page.reload();
    await row('Housing').waitFor();
    expect(await outline()).toEqual(['1:Housing:0', '2:Night shelters:0', '2:Rough sleeping:3', '1:Debt:1']);
  });
});
