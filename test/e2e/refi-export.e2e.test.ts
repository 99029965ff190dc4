import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser';
import { apiCall, type SignedInSession, startSignedInSession, uploadText } from '../helpers/e2e-session';
import type { RunningServer } from '../helpers/server-process';
import { unzip } from '../exchange/refi-validate';

const TEXT = `Interviewer: Où étiez-vous? 😀

Respondent: Après la rechute j'ai perdu le logement.`;

describeBrowser('end to end: REFI-QDA export', () => {
  let server: RunningServer;
  let session: SignedInSession;
  let page: Page;
  let projectId: string;

  beforeAll(async () => {
    session = await startSignedInSession({ viewport: { width: 1300, height: 1000 } });
    ({ server, page } = session);
    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Liège pilot' })).id;
    await uploadText(page, projectId, 'entretien.txt', TEXT);
  });

  afterAll(() => session?.close());

  it('explains REFI-QDA, says why an empty codebook cannot be exported, then downloads the codebook and the project', async () => {
    await page.goto(`${server.url}/projects/${projectId}/exchange`);
    const panel = page.getByRole('region', { name: 'Exchange with other QDA software (REFI-QDA)' });
    await panel.getByText(/NVivo, ATLAS\.ti, MAXQDA, QualCoder/).waitFor();

    await panel.getByRole('button', { name: 'Download codebook (.qdc)' }).click();
    await expect.poll(() => panel.getByRole('alert').innerText()).toBe('The export did not succeed: This project has no codes yet, so there is no codebook to export.');
    await page.screenshot({ path: '.tmp/refi-export-error.png', fullPage: true });

    await apiCall(page, 'POST', `/api/projects/${projectId}/codes`, { name: 'Relapse', color: '#d62728', definition: 'Use again after a period without.' });
    const [qdc] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download codebook (.qdc)' }).click()]);
    expect(qdc.suggestedFilename()).toBe('Liège pilot codebook.qdc');
    const xml = await readFile((await qdc.path())!, 'utf8');
    expect(xml).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');
    expect(xml).toContain('name="Relapse" isCodable="true" color="#D62728"');
    await expect.poll(() => panel.getByRole('status').innerText()).toBe('Downloaded Liège pilot codebook.qdc.');
    expect(await panel.getByRole('alert').count()).toBe(0);

    const [qdpx] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download project (.qdpx)' }).click()]);
    expect(qdpx.suggestedFilename()).toBe('Liège pilot.qdpx');
    const files = await unzip(await readFile((await qdpx.path())!));
    expect([...files.keys()].filter((n) => n.startsWith('sources/')).length).toBe(1);
    expect(files.get('project.qde')!.toString('utf8')).toContain('<TextSource');
    await expect.poll(() => panel.getByRole('status').innerText()).toBe('Downloaded Liège pilot.qdpx.');
    await page.screenshot({ path: '.tmp/refi-export-done.png', fullPage: true });
  });
});
