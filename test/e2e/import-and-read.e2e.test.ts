import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../helpers/browser';
import { logInThroughUi } from '../helpers/e2e-session';
import { type RunningServer, startServer } from '../helpers/server-process';

const EMAIL = 'lead@example.org';
const PASSWORD = 'a long enough password';

const TXT = `Project: SOCPREV

Interviewer: How did the outreach project start in Ghent?

Respondent: It started after a wave of shoplifting by people who use crack. We walked the station area every evening.

Interviewer: Who paid for it?

Respondent: The city, for three years, and then the funding cycle ended.`;

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Anna>What does the project cost per client?

00:00:04.500 --> 00:00:09.000
<v Marc>About two thousand euros a year.`;

describeBrowser('end to end: log in, create a project, import, read', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-GB' });
    page.on('pageerror', (error) => console.error('page error:', error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in, creates a project, uploads two files, opens a document and sees its turns', async () => {
    await logInThroughUi(page, server.url, EMAIL, PASSWORD);
    await page.getByRole('button', { name: 'New project', exact: true }).click();
    await page.getByLabel('Name').fill('Outreach study');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Outreach study' }).waitFor();

    await page.getByRole('button', { name: 'Import transcripts' }).first().click();
    await page.getByTestId('upload-input').setInputFiles([
      { name: 'ghent-outreach.txt', mimeType: 'text/plain', buffer: Buffer.from(TXT) },
      { name: 'cost-call.vtt', mimeType: 'text/vtt', buffer: Buffer.from(VTT) },
    ]);
    await page.getByRole('button', { name: 'Import 2 files' }).click();
    await page.getByText('2 of 2 files imported').waitFor();

    const table = page.locator('table.documents-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await table.getByRole('link', { name: 'ghent-outreach' }).click();

    await page.getByRole('heading', { name: 'ghent-outreach' }).waitFor();
    const turns = page.locator('.reader-text .turn');
    await expect.poll(() => turns.count()).toBe(5);
    await expect.poll(() => turns.nth(1).locator('.turn-speaker .name').textContent()).toBe('Interviewer');
    await expect.poll(() => turns.nth(2).locator('.turn-text').textContent()).toMatch(/^It started after a wave of shoplifting/);
    expect(await turns.nth(0).locator('.turn-text').textContent()).toBe('Project: SOCPREV');
    const speakers = page.locator('speakers-panel input');
    expect(await speakers.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['Interviewer', 'Respondent']);
  });
});

describeBrowser('end to end: first visit creates the owner account', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the create-owner page on an empty server and signs the owner in', async () => {
    const page = await browser.newPage({ locale: 'fr-BE' });
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Bienvenue dans SOCPREV Workbench' }).waitFor();
    await page.getByLabel('Votre nom').fill('Camille Owner');
    await page.getByLabel('Adresse e-mail').fill('owner@example.org');
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Répétez le mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer le compte propriétaire' }).click();
    await page.getByRole('heading', { name: 'Vos projets' }).waitFor();
    expect(await page.locator('.user-link').textContent()).toBe('Camille Owner');
  });
});
