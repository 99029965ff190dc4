import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../helpers/browser';
import { apiCall, logInThroughUi, uploadText } from '../helpers/e2e-session';
import { type RunningServer, startServer } from '../helpers/server-process';

const EMAIL = 'coder@example.org';
const PASSWORD = 'a long enough password';
const TEXT = `Interviewer: Who commits the thefts you see?

Respondent: Mostly older heroin users, to pay for their drugs. Some are homeless and live near the station.

Interviewer: And the young ones?

Respondent: The young ones are couriers for the dealers.`;

describeBrowser('end to end: coding a passage in the reader', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let documentId: string;

  beforeAll(async () => {
    server = await startServer({ SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await logInThroughUi(page, server.url, EMAIL, PASSWORD);
    const project = await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: 'Coding study' });
    await apiCall(page, 'POST', `/api/projects/${project.id}/codes`, { name: 'Heroin use', color: '#E69F00' });
    await apiCall(page, 'POST', `/api/projects/${project.id}/codes`, { name: 'Homelessness', color: '#56B4E9' });
    documentId = await uploadText(page, project.id, 'interview.txt', TEXT);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const highlightedText = () => page.evaluate(() => [...CSS.highlights.values()].flatMap((h) => [...h]).map((r) => (r as Range).toString()));

  it('selects text with the mouse, codes it from the keyboard, sees it after a reload, then undoes it', async () => {
    await page.goto(`${server.url}/documents/${documentId}`);
    const turn = page.locator('.turn-text').nth(1);
    await turn.waitFor();
    // Drag across "Mostly older heroin users" with the mouse.
    const phrase = 'older heroin users';
    const box = await page.evaluate((phrase) => {
      const el = document.querySelectorAll('.turn-text')[1]!;
      const node = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE)!;
      const start = node.textContent!.indexOf(phrase);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + 1);
      const a = range.getBoundingClientRect();
      range.setStart(node, start + phrase.length - 1);
      range.setEnd(node, start + phrase.length);
      const b = range.getBoundingClientRect();
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    }, phrase);
    await page.mouse.move(box.x1, box.y1);
    await page.mouse.down();
    await page.mouse.move(box.x2, box.y2, { steps: 8 });
    await page.mouse.up();
    await page.getByRole('button', { name: /^Code/ }).waitFor();

    // Keyboard only from here: C opens the picker, typing filters, Enter applies.
    await page.keyboard.press('c');
    await page.getByPlaceholder('Type to find or create a code').waitFor();
    await page.keyboard.type('hero');
    await page.keyboard.press('Enter');
    await page.getByText('Coded with Heroin use.').waitFor();
    await expect.poll(highlightedText).toEqual([phrase]);
    await expect.poll(() => page.locator('.stripe').count()).toBe(1);

    await page.reload();
    await page.locator('.turn-text').first().waitFor();
    await expect.poll(highlightedText).toEqual([phrase]);
    expect(await page.locator('.legend li').allTextContents()).toEqual([expect.stringContaining('Heroin use')]);

    await page.locator('.reader-text').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await page.getByText('Undone: coding with Heroin use').waitFor();
    await expect.poll(highlightedText).toEqual([]);
    const segments = await apiCall<{ segments: unknown[] }>(page, 'GET', `/api/documents/${documentId}/segments`);
    expect(segments.segments).toEqual([]);
  });
});
