import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../helpers/browser';
import { apiCall, logInThroughUi } from '../helpers/e2e-session';
import { type RunningServer, startServer } from '../helpers/server-process';
import { describeWithSamples, samplePath } from '../helpers/shared-samples';

const EMAIL = 'lead@example.org';
const PASSWORD = 'a long enough password';
const SHOTS = process.env.E2E_SCREENSHOTS;

describeBrowser('end to end: importing REFI-QDA projects from ATLAS.ti and NVivo', () => {
  describeWithSamples('with the real files', () => {
    let server: RunningServer;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      server = await startServer({ SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD });
      browser = await launchBrowser();
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
      page = await context.newPage();
      page.on('pageerror', (error) => console.error('page error:', error.message));
      page.setDefaultTimeout(15000);
      await logInThroughUi(page, server.url, EMAIL, PASSWORD);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    const importFile = async (file: string) => {
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { name: 'Import a project from another program' }).waitFor();
      await page.getByTestId('refi-import-input').setInputFiles(samplePath('refi-qda', file));
      await page.getByRole('button', { name: 'Import as a new project' }).click();
      return page.getByTestId('refi-import-report');
    };

    it('imports the ATLAS.ti .qde: codebook and notes in, texts and media listed as skipped with reasons', async () => {
      const report = await importFile('atlasti-8.4-mac_refi-standard-project.qde');
      await report.getByText('Imported as “ATLAS.ti standard project”.').waitFor();
      await report.getByText('14 codes', { exact: true }).waitFor();
      await report.getByText('2 memos', { exact: true }).waitFor();
      const skipped = page.getByTestId('refi-import-skipped');
      await skipped.getByText('Simon.docx').waitFor();
      expect(await skipped.textContent()).toMatch(/a \.qde file alone does not contain the source texts/);
      expect(await skipped.textContent()).toMatch(/cornflakes-n-milk\.jpg \(picture\): the workbench holds text documents only/);
      await page.locator('.project-card', { hasText: 'ATLAS.ti standard project' }).waitFor(); // the list reloaded
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/refi-import-atlas.png`, fullPage: true });
      await page.getByRole('link', { name: 'Open “ATLAS.ti standard project”' }).click();
      await page.waitForURL(/\/projects\/[^/]+/);
      const projectId = page.url().split('/projects/')[1]!.split('/')[0]!;
      const codes = await apiCall<{ name: string; parentId: string | null; id: string }[] | { codes: { name: string; parentId: string | null; id: string }[] }>(page, 'GET', `/api/projects/${projectId}/codes`);
      const list = Array.isArray(codes) ? codes : codes.codes;
      const coke = list.find((c) => c.name === 'Coke')!;
      expect(list.filter((c) => c.parentId === coke.id).map((c) => c.name).sort()).toEqual(['diet Coke', 'full-fat Coke']);
    });

    it('imports the NVivo .qdpx with progress and opens a coded transcript with its passages highlighted', async () => {
      const report = await importFile('nvivo-win-12.6_oltas0517.qdpx');
      await report.getByText('2 transcripts', { exact: true }).waitFor({ timeout: 60000 });
      await report.getByText('303 codings', { exact: true }).waitFor();
      expect(await report.textContent()).toMatch(/UTF-16 units \(as NVivo counts\)/);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/refi-import-nvivo.png`, fullPage: true });
      await page.getByRole('link', { name: 'Open “Untitled”' }).click();
      await page.waitForURL(/\/projects\/[^/]+/);
      const projectId = page.url().split('/projects/')[1]!.split('/')[0]!;
      await page.goto(`${server.url}/projects/${projectId}/documents`);
      await page.locator('table.documents-table').getByRole('link', { name: 'videos_10_selected' }).click();
      await page.getByRole('heading', { name: 'videos_10_selected' }).waitFor();
      await page.locator('.turn-text').first().waitFor();
      await expect.poll(() => page.locator('.stripe').count(), { timeout: 15000 }).toBeGreaterThan(0);
      expect((await page.locator('.legend li').allTextContents()).join(' ')).toMatch(/COVID|piros|sárga|zöld/);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/refi-import-reader.png` });
    });
  });
});
