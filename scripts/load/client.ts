/**
 * A signed-in HTTP client for the load test and the reliability tests: session cookie + CSRF
 * header, JSON in and out, uploads, and per-request timing. It never throws on an HTTP status:
 * the caller decides what counts as an error (a network failure becomes status 0).
 */

export interface Answer<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

export class Client {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
    readonly userId: string,
  ) {}

  /** Logs in with e-mail and password; throws when that fails (nothing can be done without a session). */
  static async login(baseUrl: string, email: string, password: string): Promise<Client> {
    const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${text.slice(0, 200)}`);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('socprev_session='));
    if (!cookie) throw new Error('the login answer set no socprev_session cookie');
    const body = JSON.parse(text) as { csrfToken: string; user: { id: string } };
    return new Client(baseUrl, cookie, body.csrfToken, body.user.id);
  }

  private async send<T>(method: string, path: string, body?: BodyInit, type?: string): Promise<Answer<T>> {
    const started = performance.now();
    try {
      const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrfToken };
      if (type) headers['content-type'] = type;
      const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (a file download): keep the text
      }
      return { status: res.status, body: parsed as T, ms: performance.now() - started };
    } catch (error) {
      return { status: 0, body: { error: { code: 'NETWORK', message: (error as Error).message } } as T, ms: performance.now() - started };
    }
  }

  get<T = any>(path: string) {
    return this.send<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown = {}) {
    return this.send<T>('POST', path, JSON.stringify(body), 'application/json');
  }
  put<T = any>(path: string, body: unknown) {
    return this.send<T>('PUT', path, JSON.stringify(body), 'application/json');
  }
  delete<T = any>(path: string) {
    return this.send<T>('DELETE', path);
  }

  /** Uploads files as multipart/form-data (field "files", as the browser does). */
  upload<T = any>(path: string, files: { name: string; content: string | Uint8Array }[], fields: Record<string, string> = {}) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) {
      const bytes = typeof f.content === 'string' ? new TextEncoder().encode(f.content) : new Uint8Array(f.content);
      form.append('files', new Blob([bytes], { type: 'application/octet-stream' }), f.name);
    }
    return this.send<T>('POST', path, form);
  }
}
