import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser';
import { apiCall, uploadText, type SignedInSession, startSignedInSession } from '../helpers/e2e-session';
import type { RunningServer } from '../helpers/server-process';

const SHOTS = process.env.E2E_SCREENSHOTS; // a folder: screenshots for the README and for review

describeBrowser('end to end: consent and retention', () => {
  let server: RunningServer;
  let session: SignedInSession;
  let page: Page;
  let projectId: string;
  let withdrawnId: string;
  let codeId: string;

  const code = async (documentId: string, phrase: string) => {
    const { text } = await apiCall<{ text: string }>(page, 'GET', `/api/documents/${documentId}`);
    const start = text.indexOf(phrase);
    await apiCall(page, 'POST', `/api/documents/${documentId}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: [codeId] });
  };
  const exportText = (url: string) => page.evaluate(async (u) => (await fetch(u)).text(), url);

  beforeAll(async () => {
    session = await startSignedInSession({ viewport: { width: 1400, height: 900 } });
    ({ server, page } = session);
    page.setDefaultTimeout(8000);
    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Consent study' })).id;
    codeId = (await apiCall<{ id: string }>(page, 'POST', `/api/projects/${projectId}/codes`, { name: 'Housing' })).id;
    const stays = await uploadText(page, projectId, 'respondent-stays.txt', 'Interviewer: Where do you live?\n\nRespondent: In a shelter near the station, since March.');
    withdrawnId = await uploadText(page, projectId, 'respondent-leaves.txt', 'Interviewer: Where do you live?\n\nRespondent: With my aunt above the bakery.');
    await code(stays, 'a shelter near the station');
    await code(withdrawnId, 'my aunt above the bakery');
  });

  afterAll(() => session?.close());

  it('records a withdrawal in the reader, leaves the participant out of exports, shows it in the list, and deletes it with a record', async () => {
    await page.goto(`${server.url}/documents/${withdrawnId}`);
    const panel = page.locator('consent-panel');
    await panel.getByText('Consent unknown').waitFor();
    await panel.getByRole('button', { name: "Edit the participant's consent" }).click();
    await panel.getByLabel('Consent status').selectOption('withdrawn');
    await panel.getByLabel('Consent date').fill('2026-03-02');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Consent withdrawn').waitFor();
    await panel.getByText('This transcript is left out of every export and report.').waitFor();
    if (SHOTS) await panel.screenshot({ path: `${SHOTS}/consent-panel.png` });

    const csv = await exportText(`/api/projects/${projectId}/exports/segments.csv`);
    expect(csv).toContain('a shelter near the station');
    expect(csv).not.toContain('bakery');

    await page.goto(`${server.url}/projects/${projectId}/documents`);
    const row = page.locator('tr', { hasText: 'respondent-leaves' });
    await row.getByText('Consent withdrawn').waitFor();
    await row.getByText('not exported').waitFor();
    await page.getByText('1 participant has withdrawn consent.', { exact: false }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/consent-documents.png` });

    await page.getByRole('button', { name: "Delete the withdrawn participant's transcript" }).click();
    await page.getByRole('button', { name: 'Delete for good' }).click();
    await page.getByText(/1 transcript of a withdrawn participant deleted by/).waitFor();
    await expect.poll(() => page.locator('tr', { hasText: 'respondent-leaves' }).count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/consent-deleted.png` });
    const consent = await apiCall<{ deletions: { count: number }[] }>(page, 'GET', `/api/projects/${projectId}/consent`);
    expect(consent.deletions).toEqual([expect.objectContaining({ count: 1 })]);
  });
});
