import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser';
import { apiCall, uploadText, type SignedInSession, startSignedInSession } from '../helpers/e2e-session';
import type { RunningServer } from '../helpers/server-process';

const TEXT = 'Interviewer: Who helped you?\n\nRespondent: Jan Peeters from the OCMW in Lokeren helped me. Later Jan Peeters called again from Lokeren.';

describeBrowser('end to end: pseudonymising transcripts', () => {
  let server: RunningServer;
  let session: SignedInSession;
  let page: Page;
  let projectId: string;
  let documentId: string;

  beforeAll(async () => {
    session = await startSignedInSession({ viewport: { width: 1400, height: 1000 } });
    ({ server, page } = session);
    page.setDefaultTimeout(8000);
    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Confidential study' })).id;
    documentId = await uploadText(page, projectId, 'ghent-01.txt', TEXT);
    const code = await apiCall<{ id: string }>(page, 'POST', `/api/projects/${projectId}/codes`, { name: 'Help' });
    const text = (await apiCall<{ text: string }>(page, 'GET', `/api/documents/${documentId}`)).text;
    const exact = 'Jan Peeters from the OCMW in Lokeren helped me';
    const start = text.indexOf(exact);
    await apiCall(page, 'POST', `/api/documents/${documentId}/segments`, { start, end: start + exact.length, exact, codeIds: [code.id] });
  });

  afterAll(() => session?.close());

  it('adds names by hand and from candidates, previews, applies as a correction and keeps the coding', async () => {
    await page.goto(`${server.url}/documents/${documentId}`);
    await page.getByRole('link', { name: 'Download the original file' }).waitFor();
    await page.goto(`${server.url}/projects/${projectId}/settings`);
    await page.getByRole('heading', { name: 'Pseudonyms' }).waitFor();
    const add = page.getByRole('form', { name: 'Add a name and its pseudonym' });
    await add.getByLabel('Name in the transcripts').fill('Lokeren');
    await add.getByLabel('Pseudonym').fill('Dorp');
    await add.getByLabel('Kind').selectOption('place');
    await add.getByRole('button', { name: 'Add to the key list' }).click();
    await page.getByRole('cell', { name: 'Dorp' }).waitFor();

    await page.getByRole('button', { name: 'Find candidate names' }).click();
    await page.getByRole('button', { name: 'Add “Jan Peeters” to the key list' }).click();
    await page.getByRole('cell', { name: 'Person 2' }).waitFor();

    await page.getByLabel('All transcripts').check();
    await page.getByRole('button', { name: 'Preview the replacements' }).click();
    await page.getByText('4 replacements in 1 transcript(s).').waitFor();
    await page.screenshot({ path: '.tmp/pseudonyms-preview.png', fullPage: true });
    // Deleting the imported files (which still hold the names) is offered and on by default.
    expect(await page.getByLabel(/Also delete the imported files of these transcripts/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Apply the key list' }).click();
    await page.locator('dialog').getByRole('button', { name: 'Apply the key list' }).click();
    await page.getByText('4 replacements made in 1 transcript(s):').waitFor();
    await page.getByText(/revision 2; 1 coded passage\(s\) kept in place, 0 to review/).waitFor();
    await page.getByText('The imported file of 1 transcript was deleted.').waitFor();
    await page.screenshot({ path: '.tmp/pseudonyms-applied.png', fullPage: true });

    const doc = await apiCall<{ text: string }>(page, 'GET', `/api/documents/${documentId}`);
    expect(doc.text).toContain('Person 2 from the OCMW in Dorp helped me');
    expect(doc.text).not.toMatch(/Peeters|Lokeren/);
    const { segments } = await apiCall<{ segments: { exact: string; status: string }[] }>(page, 'GET', `/api/documents/${documentId}/segments`);
    expect(segments).toMatchObject([{ exact: 'Person 2 from the OCMW in Dorp helped me', status: 'anchored' }]);
    // The reader no longer offers the imported file.
    await page.goto(`${server.url}/documents/${documentId}`);
    await page.locator('.reader-text .turn').first().waitFor();
    expect(await page.getByRole('link', { name: 'Download the original file' }).count()).toBe(0);
    const { events } = await apiCall<{ events: { type: string }[] }>(page, 'GET', `/api/projects/${projectId}/events`);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['pseudonym.created', 'pseudonyms.previewed', 'pseudonyms.applied']));
  });
});
