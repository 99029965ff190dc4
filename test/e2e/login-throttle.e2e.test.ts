import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/server-process';

const EMAIL = 'lead@example.org';
const PASSWORD = 'a long enough password';

describeBrowser('end to end: the login page after repeated failures', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the wait in the user’s language, disables the button, then lets them in', async () => {
    const page = await browser.newPage({ locale: 'nl-BE', viewport: { width: 1000, height: 700 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('E-mailadres').fill(EMAIL);
    const password = page.locator('input[name="password"]');
    const button = page.locator('button[type="submit"]');
    for (let i = 0; i < 5; i++) {
      await password.fill(`wrong password ${i}`);
      await button.click();
      await page.locator('.form-error').waitFor();
      await expect.poll(() => button.isEnabled()).toBe(true);
    }
    await password.fill(PASSWORD);
    await button.click();
    const alert = page.locator('[data-throttled="true"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Te veel mislukte aanmeldpogingen\. Wacht .* \d+ seconden? /);
    expect(await button.isDisabled()).toBe(true);
    await page.screenshot({ path: '.tmp/login-throttle-nl.png' });
    await page.getByText('U kunt het nu opnieuw proberen.').waitFor({ timeout: 5_000 });
    expect(await button.isEnabled()).toBe(true);
    await button.click();
    await page.locator('.project-link, h1').filter({ hasNotText: 'Aanmelden' }).first().waitFor();
    expect(page.url()).not.toMatch(/\/login$/);
    await page.close();
  });
});
