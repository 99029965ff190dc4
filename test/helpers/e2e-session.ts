import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { type RunningServer, startServer } from './server-process';

/** Logs in through the English login page and waits for the projects page. */
export async function logInThroughUi(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your projects' }).waitFor();
}

/** Calls the API from inside the page, with its session cookie and CSRF token; throws on a non-2xx answer. */
export async function apiCall<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ method, url, body }) => {
    const me = await (await fetch('/api/auth/me')).json();
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  }, { method, url, body }) as Promise<T>;
}

/** Uploads one text file as a transcript from inside the page; returns the new document's id. */
export async function uploadText(page: Page, projectId: string, fileName: string, text: string): Promise<string> {
  return page.evaluate(async ({ projectId, fileName, text }) => {
    const me = await (await fetch('/api/auth/me')).json();
    const form = new FormData();
    form.append('files', new Blob([text], { type: 'text/plain' }), fileName);
    const res = await fetch(`/api/projects/${projectId}/documents`, { method: 'POST', headers: { 'x-csrf-token': me.csrfToken }, body: form });
    if (!res.ok) throw new Error(`upload ${fileName}: ${res.status} ${await res.text()}`);
    return (await res.json()).documents[0].id as string;
  }, { projectId, fileName, text });
}

export const E2E_EMAIL = 'lead@example.org';
export const E2E_PASSWORD = 'a long enough password';

/** A real server with one owner account, Chromium, and a page signed in through the UI. */
export interface SignedInSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts the server (owner `E2E_EMAIL`), launches Chromium, opens an English page of the given size,
 * logs page errors, and signs in through the login page.
 *
 * @example
 * let s: SignedInSession;
 * beforeAll(async () => { s = await startSignedInSession(); });
 * afterAll(() => s?.close());
 */
export async function startSignedInSession(options: { viewport?: { width: number; height: number }; env?: Record<string, string> } = {}): Promise<SignedInSession> {
  const server = await startServer({ SOCPREV_ADMIN_EMAIL: E2E_EMAIL, SOCPREV_ADMIN_PASSWORD: E2E_PASSWORD, ...options.env });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ locale: 'en-GB', viewport: options.viewport ?? { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await logInThroughUi(page, server.url, E2E_EMAIL, E2E_PASSWORD);
    const opened = browser;
    return { server, browser: opened, page, close: async () => { await opened.close(); await server.stop(); } };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}
