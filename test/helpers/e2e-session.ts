import type { Page } from 'playwright-core';

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
