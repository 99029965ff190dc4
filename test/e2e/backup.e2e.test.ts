import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../helpers/browser';
import { apiCall, logInThroughUi, uploadText } from '../helpers/e2e-session';
import { type RunningServer, startServer } from '../helpers/server-process';

const EMAIL = 'lead@example.org';
const PASSWORD = 'a long enough password';

describeBrowser('end to end: backing up a project and restoring it', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let projectId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-backup-e2e-'));

  beforeAll(async () => {
    server = await startServer({ SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    page.setDefaultTimeout(10000);
    await logInThroughUi(page, server.url, EMAIL, PASSWORD);
    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Backup study' })).id;
    const docId = await uploadText(page, projectId, 'gent.txt', 'Interviewer: And the debts?\n\nRespondent: The debt to the dealer grows every week.');
    const code = await apiCall<{ id: string }>(page, 'POST', `/api/projects/${projectId}/codes`, { name: 'Debt' });
    const text = (await apiCall<{ text: string }>(page, 'GET', `/api/documents/${docId}`)).text;
    const start = text.indexOf('debt to the dealer');
    await apiCall(page, 'POST', `/api/documents/${docId}/segments`, { start, end: start + 18, exact: 'debt to the dealer', codeIds: [code.id] });
    await apiCall(page, 'POST', `/api/projects/${projectId}/memos`, { targetType: 'project', title: 'First thoughts', body: 'Debts drive dealing.' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('downloads a backup from the project, restores it from the projects page and opens the restored project', async () => {
    await page.goto(`${server.url}/projects/${projectId}/exchange`);
    await page.getByRole('heading', { name: 'Backup and tables' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download a backup' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Backup study backup \d{4}-\d{2}-\d{2}\.socprev-backup\.zip$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Coded passages as CSV' }).click()]);
    expect(fs.readFileSync(await csv.path()).toString('utf8')).toContain('debt to the dealer');

    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Your projects' }).waitFor();
    await page.getByTestId('restore-input').setInputFiles(file);
    await page.getByRole('button', { name: 'Restore as a new project' }).click();
    const report = page.getByTestId('restore-report');
    await report.getByText('Restored as “Backup study (restored)”.').waitFor();
    await report.getByText('1 transcript', { exact: true }).waitFor();
    await report.getByText('1 coding', { exact: true }).waitFor();
    await page.locator('.project-card', { hasText: 'Backup study (restored)' }).waitFor(); // the list reloaded
    await page.getByRole('link', { name: 'Open “Backup study (restored)”' }).click();
    await page.waitForURL(/\/projects\/(?!.*exchange)/);
    const restoredId = page.url().split('/projects/')[1]!.split('/')[0]!;
    expect(restoredId).not.toBe(projectId);
    const memos = await apiCall<{ memos: { title: string }[] }>(page, 'GET', `/api/projects/${restoredId}/memos`);
    expect(memos.memos.map((m) => m.title)).toEqual(['First thoughts']);
    await page.goto(`${server.url}/projects/${restoredId}/search`);
    await page.getByLabel('Search the transcripts').fill('dealer');
    await page.keyboard.press('Enter');
    await page.locator('.kwic mark', { hasText: 'dealer' }).first().waitFor();

    // A file that is not a backup is refused with a readable sentence.
    await page.goto(`${server.url}/`);
    const bogus = path.join(dir, 'notes.zip');
    fs.writeFileSync(bogus, 'not a zip at all');
    await page.getByTestId('restore-input').setInputFiles(bogus);
    await page.getByRole('button', { name: 'Restore as a new project' }).click();
    await page.getByRole('alert').getByText(/is not a workbench backup/).waitFor();
  });
});
