import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser';
import { apiCall, uploadText, type SignedInSession, startSignedInSession } from '../helpers/e2e-session';
import type { RunningServer } from '../helpers/server-process';

const ALPHA = `Interviewer: What does one client cost?

Respondent: Nobody has ever computed what one client costs the project.`;
const BETA = `Interviewer: Are there cost data?

Respondent: Cost data are missing everywhere in Belgium.`;

describeBrowser('end to end: literature gaps and coverage', () => {
  let server: RunningServer;
  let session: SignedInSession;
  let page: Page;
  let projectId: string;
  let gapId: string;

  beforeAll(async () => {
    session = await startSignedInSession();
    ({ server, page } = session);
    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Gap study' })).id;
    const codeId = (await apiCall<{ id: string }>(page, 'POST', `/api/projects/${projectId}/codes`, { name: 'Missing cost data' })).id;
    for (const [name, text, phrase] of [['alpha.txt', ALPHA, 'Nobody has ever computed what one client costs'], ['beta.txt', BETA, 'Cost data are missing everywhere']] as const) {
      const documentId = await uploadText(page, projectId, name, text);
      const doc = await apiCall<{ text: string }>(page, 'GET', `/api/documents/${documentId}`);
      const start = doc.text.indexOf(phrase);
      await apiCall(page, 'POST', `/api/documents/${documentId}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: [codeId] });
    }
    gapId = (await apiCall<{ id: string }>(page, 'POST', `/api/projects/${projectId}/literature/gaps`, { statement: 'No Belgian cost-effectiveness studies', scope: 'belgium', focus: 'cost_effectiveness' })).id;
  });

  afterAll(() => session?.close());

  const text = async (locator: Locator) => (await locator.innerText()).trim();

  it('maps a code to a gap on its page, chooses a quote, and the coverage matrix follows', async () => {
    await page.goto(`${server.url}/projects/${projectId}/literature?view=coverage`);
    const groupTable = page.getByRole('table', { name: 'Gaps × respondent groups' });
    const row = groupTable.getByRole('row', { name: /No Belgian cost-effectiveness studies/ });
    await row.getByText('No evidence').waitFor();
    expect(await text(row.getByRole('cell').last())).toBe('0 / 0 / 0');

    await row.getByRole('link', { name: 'No Belgian cost-effectiveness studies' }).click();
    await page.getByRole('heading', { name: 'No Belgian cost-effectiveness studies' }).waitFor();
    expect(page.url()).toContain(`gap=${gapId}`);
    await page.getByRole('combobox', { name: /^Code/ }).selectOption({ label: 'Missing cost data' });
    await page.getByRole('combobox', { name: /^Relation/ }).selectOption('fills');
    await page.getByRole('button', { name: 'Map a code' }).click();
    const link = page.getByRole('region', { name: 'Missing cost data' });
    await link.getByText('passages: 2 · respondents: 2 · quotes: 0').waitFor();

    await link.getByRole('button', { name: 'Choose evidence' }).click();
    await link.getByRole('button', { name: 'Use as evidence' }).first().click();
    await link.getByText('passages: 2 · respondents: 2 · quotes: 1').waitFor();
    expect(await text(link.locator('blockquote'))).toContain('Nobody has ever computed what one client costs');
    expect(await link.getByRole('link', { name: 'Open in reader' }).getAttribute('href')).toMatch(/^\/documents\/.+\?start=\d+&end=\d+$/);

    await page.getByRole('button', { name: 'Coverage' }).click();
    const codesTable = page.getByRole('table', { name: 'Gaps × codes' });
    const codesRow = codesTable.getByRole('row', { name: /No Belgian cost-effectiveness studies/ });
    await codesRow.waitFor();
    expect(await text(codesRow.getByRole('cell').first())).toBe('2 / 2 / 1');
    expect(await codesRow.getByText('No evidence').count()).toBe(0);
    expect(await text(page.getByRole('table', { name: 'Gaps × respondent groups' }).getByRole('row', { name: /No Belgian/ }).getByRole('cell').last())).toBe('2 / 2 / 1');
  });
});
