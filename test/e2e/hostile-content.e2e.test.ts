import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../helpers/browser';
import { apiCall, logInThroughUi, uploadText } from '../helpers/e2e-session';
import { type RunningServer, startServer } from '../helpers/server-process';

const EMAIL = 'lead@example.org';
const PASSWORD = 'a long enough password';

/** Script that, were it ever run, would call the binding `__pwn` and set `window.__pwned`. */
const run = (tag: string) => `window.__pwned=1,window.__pwn('${tag}')`;
const IMG = (tag: string) => `<img src=x onerror="${run(tag)}">`;
const SVG = (tag: string) => `<svg onload="${run(tag)}"><circle r="1"/></svg>`;
const SCRIPT = (tag: string) => `<script>${run(tag)}</script>`;
const LINK = (tag: string) => `<a href="javascript:${run(tag)}">open</a>`;
/** What every view must show as plain text (the start of the IMG payload). */
const VISIBLE = '<img src=x onerror=';

describeBrowser('end to end: hostile content is shown as text and never runs', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let projectId: string;
  let documentId: string;
  const ran: string[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    server = await startServer({ SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.exposeFunction('__pwn', (tag: string) => ran.push(tag));
    await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
    // Installed by the browser (not by the page), so it runs whatever the Content-Security-Policy says.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await logInThroughUi(page, server.url, EMAIL, PASSWORD);

    // Every kind of data a team member (or an imported file) controls, each carrying script.
    projectId = (await apiCall<{ id: string }>(page, 'POST', '/api/projects', { name: `Study ${IMG('project')}`, description: `${SCRIPT('description')} ${SVG('description')}` })).id;
    const transcript = [
      `Interviewer: ${SCRIPT('transcript-script')} How did the debt start?`,
      `Respondent: ${IMG('transcript')} The debt grew. ${SVG('transcript-svg')} ${LINK('transcript-link')} <iframe srcdoc="<script>parent.__pwn('iframe')</script>"></iframe>`,
    ].join('\n\n');
    documentId = await uploadText(page, projectId, `${IMG('filename')}.txt`, transcript);
    const attribute = await apiCall<{ id: string }>(page, 'POST', `/api/projects/${projectId}/attributes`, { name: `Site ${IMG('attribute-name')}`, type: 'text' });
    await apiCall(page, 'PATCH', `/api/documents/${documentId}`, { attributes: { [attribute.id]: `${IMG('attribute-value')} ${LINK('attribute-link')}` } });
    const hostileCode = await apiCall<{ id: string }>(page, 'POST', `/api/projects/${projectId}/codes`, {
      name: IMG('code'), definition: `${SCRIPT('definition')} ${IMG('definition')} [why](javascript:${run('definition-md')})`,
    });
    const debt = await apiCall<{ id: string }>(page, 'POST', `/api/projects/${projectId}/codes`, { name: 'Debt' });
    const doc = await apiCall<{ text: string }>(page, 'GET', `/api/documents/${documentId}`);
    const start = doc.text.indexOf('<img');
    const end = doc.text.indexOf('grew.') + 'grew.'.length;
    await apiCall(page, 'POST', `/api/documents/${documentId}/segments`, { start, end, exact: doc.text.slice(start, end), codeIds: [hostileCode.id, debt.id] });
    await apiCall(page, 'POST', `/api/projects/${projectId}/memos`, {
      targetType: 'project', title: `Memo ${IMG('memo-title')}`,
      body: [`# Findings ${SCRIPT('memo')}`, IMG('memo'), SVG('memo'), `[click me](javascript:${run('memo-md-link')})`, LINK('memo-html-link'),
        `![pic](javascript:${run('memo-md-image')})`, `<details open ontoggle="${run('memo-details')}">x</details>`, `Plain text: ${VISIBLE} stays visible.`].join('\n\n'),
    });
    await apiCall(page, 'POST', `/api/projects/${projectId}/memos`, { targetType: 'code', targetId: hostileCode.id, title: IMG('code-memo'), body: `${IMG('code-memo')}` });
    await apiCall(page, 'POST', `/api/projects/${projectId}/queries`, { name: `Query ${IMG('query')}`, expression: '[Debt]' });
    // An imported REFI-QDA codebook (XML) whose names and descriptions carry markup, escaped as XML requires.
    const xmlEscape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const qdc = `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="hostile"><Codes>`
      + `<Code guid="6F1E2D3C-4B5A-4978-8675-A1B2C3D4E5F6" name="${xmlEscape(`XML ${IMG('qdc')}`)}" isCodable="true" color="#AA3300">`
      + `<Description>${xmlEscape(`${SCRIPT('qdc-description')} ${SVG('qdc-description')}`)}</Description></Code></Codes></CodeBook>`;
    const imported = await page.evaluate(async ({ url, xml }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const form = new FormData();
      form.append('file', new Blob([xml], { type: 'application/xml' }), 'hostile.qdc');
      const res = await fetch(url, { method: 'POST', headers: { 'x-csrf-token': me.csrfToken }, body: form });
      return `${res.status} ${await res.text()}`;
    }, { url: `/api/projects/${projectId}/codebook.qdc`, xml: qdc });
    expect(imported).toMatch(/^200 /);
    const source = { title: `Title ${IMG('source-title')}`, authors: `Doe, ${SCRIPT('source-author')}`, venue: SVG('source-venue'), year: 2024 };
    // A javascript: address is refused outright; the rest of the hostile source is stored as given.
    await expect(apiCall(page, 'POST', `/api/projects/${projectId}/literature/sources`, { ...source, url: `javascript:${run('source-url')}` })).rejects.toThrow(/400/);
    await apiCall(page, 'POST', `/api/projects/${projectId}/literature/sources`, { ...source, url: `https://example.org/?q="><script>${run('source-url')}</script>` });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a view, gives it time to render everything, and checks that nothing ran or needed blocking. */
  async function visit(path: string, name: string, interact?: () => Promise<void>) {
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(700);
    if (interact) await interact();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `.tmp/hostile-${name}.png` }).catch(() => undefined);
    expect(ran, `script ran on ${name}`).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), `window.__pwned on ${name}`).toBeUndefined();
    expect(violations, `CSP had to block something on ${name}: it was rendered as HTML`).toEqual([]);
    return page.evaluate(() => document.body.innerText);
  }

  it('proves the probes work: an injected inline handler is blocked by the CSP and reported', async () => {
    await page.goto(`${server.url}/projects`);
    await page.evaluate((html) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      document.body.append(div);
    }, IMG('control'));
    await page.waitForTimeout(500);
    expect(ran).toEqual([]); // the CSP stopped it…
    expect(violations.some((v) => v.includes('script-src-attr'))).toBe(true); // …and said so
    violations.length = 0;
  });

  it('shows the project name and description as text on the projects page', async () => {
    expect(await visit('/projects', 'projects')).toContain(`Study ${VISIBLE}`);
  });

  it('shows file name and attribute values as text in the documents list and attributes', async () => {
    expect(await visit(`/projects/${projectId}/documents`, 'documents')).toContain(VISIBLE);
    expect(await visit(`/projects/${projectId}/attributes`, 'attributes')).toContain(`Site ${VISIBLE}`);
  });

  it('shows transcript, codes and the segment popover as text in the reader', async () => {
    const text = await visit(`/documents/${documentId}`, 'reader', async () => {
      const mark = page.locator('.segment-mark, mark, [data-segment-id]').first();
      if (await mark.count()) await mark.click().catch(() => undefined);
      await page.waitForTimeout(500);
    });
    expect(text).toContain(`${VISIBLE}"window.__pwned=1,window.__pwn('transcript')">`);
    expect(text).toContain("<script>window.__pwned=1,window.__pwn('transcript-script')</script>");
    expect(text).toContain('<svg onload=');
  });

  it('shows code names, definitions and code memos as text in the codebook', async () => {
    const text = await visit(`/projects/${projectId}/codes`, 'codebook', async () => {
      const imported = page.getByText(`XML ${VISIBLE}`).first();
      if (await imported.count()) await imported.click().catch(() => undefined);
      await page.waitForTimeout(300);
      const code = page.getByText(VISIBLE).first();
      if (await code.count()) await code.click().catch(() => undefined);
      await page.waitForTimeout(500);
    });
    expect(text).toContain(VISIBLE);
    expect(text).toContain(`XML ${VISIBLE}`);
  });

  it('shows memos (Markdown with raw HTML and javascript: links) as text', async () => {
    const text = await visit(`/projects/${projectId}/memos`, 'memos');
    expect(text).toContain(`Memo ${VISIBLE}`);
    expect(text).toContain(`Plain text: ${VISIBLE} stays visible.`);
    const hrefs = await page.locator('.markdown a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
    if (hrefs.length > 0) await page.locator('.markdown a').first().click();
    await page.waitForTimeout(300);
    expect(ran).toEqual([]);
  });

  it('shows hostile text in search hits, saved queries and their results', async () => {
    await visit(`/projects/${projectId}/search`, 'search', async () => {
      await page.getByLabel('Search the transcripts').fill('debt');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(800);
    });
    expect(await page.evaluate(() => document.body.innerText)).toMatch(/debt/i);
    const queries = await visit(`/projects/${projectId}/queries`, 'queries', async () => {
      await page.locator('.saved-queries .link-button').first().click();
      await page.waitForTimeout(400);
      const runButton = page.getByRole('button', { name: 'Run' });
      if (await runButton.isEnabled()) await runButton.click();
      await page.waitForTimeout(800);
    });
    expect(queries).toContain(`Query ${VISIBLE}`);
    expect(queries).toContain(VISIBLE);
  });

  it('keeps review, literature and activity views free of script', async () => {
    await visit(`/projects/${projectId}/review`, 'review');
    for (const name of ['Frequencies', 'Co-occurrence', 'Agreement']) {
      const text = await visit(`/projects/${projectId}/review`, `review-${name}`, async () => {
        const button = page.getByRole('button', { name });
        if (await button.count()) await button.first().click();
        await page.waitForTimeout(800);
      });
      if (name === 'Frequencies') expect(text).toContain(VISIBLE);
    }
    const literature = await visit(`/projects/${projectId}/literature`, 'literature');
    expect(literature).toContain(`Title ${VISIBLE}`);
    const hrefs = await page.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
    expect(await visit(`/projects/${projectId}/activity`, 'activity')).toContain(VISIBLE);
  });
});
