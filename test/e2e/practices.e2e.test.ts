import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser';
import { apiCall, uploadText, type SignedInSession, startSignedInSession } from '../helpers/e2e-session';
import type { RunningServer } from '../helpers/server-process';

const TEXT = `Interviewer: How do you reach people?

Respondent: Our street workers go to the station every night and simply talk to people.

Interviewer: And then?

Respondent: Then one case manager follows them for debts and housing.`;

const HEADER = 'Name;Municipality;Region;Crime types;Evaluation status;SMS level;Evidence rating';
const BAD = [HEADER, 'Fictional Station Outreach;Antwerpen;Vlaanderen;economisch-compulsief;procesevaluatie;;veelbelovend',
  'Fictional Night Van;Namur;Wallony;systémique;aucune;;'].join('\n');
const GOOD = BAD.replace('Wallony', 'Wallonie');

describeBrowser('end to end: practice records', () => {
  let server: RunningServer;
  let session: SignedInSession;
  let page: Page;
  let projectId: string;

  beforeAll(async () => {
    session = await startSignedInSession();
    ({ server, page } = session);
    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Practice study' })).id;
    const codeId = (await apiCall<{ id: string }>(page, 'POST', `/api/projects/${projectId}/codes`, { name: 'Outreach' })).id;
    const documentId = await uploadText(page, projectId, 'street-worker.txt', TEXT);
    const doc = await apiCall<{ text: string }>(page, 'GET', `/api/documents/${documentId}`);
    const exact = 'Our street workers go to the station every night';
    const start = doc.text.indexOf(exact);
    await apiCall(page, 'POST', `/api/documents/${documentId}/segments`, { start, end: start + exact.length, exact, codeIds: [codeId] });
  });

  afterAll(() => session?.close());

  const chooseFile = (name: string, content: string) =>
    page.getByTestId('practice-import-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });

  it('shows the row error of a bad CSV, imports the fixed file, then links a theme with evidence on a record', async () => {
    await page.goto(`${server.url}/projects/${projectId}/practices?view=records`);
    await page.getByText('No practice records yet').waitFor();
    await page.getByRole('button', { name: 'Import CSV or Excel' }).click();

    await chooseFile('records.csv', BAD);
    const problems = page.locator('.practice-import-problems tbody tr');
    await problems.first().waitFor();
    expect(await problems.count()).toBe(1);
    expect(await problems.first().locator('td').allInnerTexts()).toEqual(['3', 'Region', 'Wallony', expect.stringContaining('“Wallony” is not a region')]);
    await page.getByText('Nothing was imported: 1 row(s) of records.csv have problems').waitFor();
    expect((await apiCall<{ practices: unknown[] }>(page, 'GET', `/api/projects/${projectId}/practices`)).practices).toEqual([]);

    await chooseFile('records-fixed.csv', GOOD);
    await page.getByText('Imported: 2 new, 0 updated.').waitFor();
    expect(await problems.count()).toBe(0);
    const table = page.locator('.practice-table');
    await table.getByRole('link', { name: 'Fictional Night Van' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => table.locator('tbody tr', { hasText: 'Fictional Night Van' }).innerText()).toContain('Namur, Wallonia');

    // Filters narrow the table.
    await page.getByLabel('Region').selectOption('wallonia');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);

    await table.getByRole('link', { name: 'Fictional Station Outreach' }).click();
    await page.getByRole('heading', { name: 'Fictional Station Outreach' }).waitFor();
    expect(page.url()).toContain('practice=');
    await page.getByText('No themes linked yet.').waitFor();
    await page.locator('.practice-add-theme select[name="codeId"]').selectOption({ label: 'Outreach' });
    await page.locator('.practice-add-theme input[name="note"]').fill('Fictional note: the way in');
    await page.getByRole('button', { name: 'Add a theme' }).click();
    const card = page.locator('practice-theme-card', { hasText: 'Outreach' });
    await card.getByText('Fictional note: the way in').waitFor();

    await card.getByRole('button', { name: 'Add evidence' }).click();
    await card.getByText('Passages coded “Outreach”').waitFor();
    await card.getByRole('button', { name: 'Use as evidence' }).click();
    await card.locator('.practice-evidence blockquote', { hasText: 'Our street workers go to the station every night' }).waitFor();
    await card.getByText('1 evidence passage').waitFor();
    await card.locator('.practice-evidence').getByRole('link', { name: 'street-worker' }).waitFor();

    // Back in the table the record counts one theme.
    await page.getByRole('link', { name: 'All practice records' }).click();
    await expect.poll(() => page.locator('.practice-table tbody tr', { hasText: 'Fictional Station Outreach' }).locator('td.num').innerText()).toBe('1');
  });
});
