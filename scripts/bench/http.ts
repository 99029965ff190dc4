/** A signed-in API client for `npm run bench`: session cookie, CSRF header, JSON and uploads. */

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: string, what: string) {
    super(`${what} answered ${status}: ${body.slice(0, 300)}`);
  }
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  bytes: number;
}

export class Api {
  private constructor(
    readonly baseUrl: string,
    readonly session: { name: string; value: string },
    readonly csrfToken: string,
  ) {}

  /** Logs in with e-mail and password and keeps the session cookie and CSRF token. */
  static async login(baseUrl: string, email: string, password: string): Promise<Api> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new ApiError(res.status, text, 'POST /api/auth/login');
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('socprev_session='));
    if (!cookie) throw new Error('the login answer set no socprev_session cookie');
    const [name, ...value] = cookie.split('=');
    return new Api(baseUrl, { name: name!, value: value.join('=') }, (JSON.parse(text) as { csrfToken: string }).csrfToken);
  }

  private headers(extra: Record<string, string> = {}) {
    return { cookie: `${this.session.name}=${this.session.value}`, 'x-csrf-token': this.csrfToken, ...extra };
  }

  /** Sends a request and reads the whole answer; `parse: false` leaves the JSON unparsed (body null) to time the server, not the client. */
  private async send<T>(method: string, path: string, init: RequestInit, expect: number[], parse = true): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, { method, ...init });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new ApiError(res.status, text, `${method} ${path}`);
    return { status: res.status, body: (parse && text ? JSON.parse(text) : null) as T, bytes: Buffer.byteLength(text) };
  }

  get<T>(path: string, expect = [200], parse = true) {
    return this.send<T>('GET', path, { headers: this.headers() }, expect, parse);
  }

  post<T>(path: string, body: unknown, expect = [200, 201], parse = true) {
    return this.send<T>('POST', path, { headers: this.headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) }, expect, parse);
  }

  /** Uploads files as multipart/form-data (the import endpoint). */
  upload<T>(path: string, files: { name: string; content: string | Uint8Array; type?: string }[], expect = [200, 201]) {
    const form = new FormData();
    for (const f of files) {
      const bytes = typeof f.content === 'string' ? new TextEncoder().encode(f.content) : new Uint8Array(f.content);
      form.append('files', new Blob([bytes], { type: f.type ?? 'text/plain' }), f.name);
    }
    return this.send<T>('POST', path, { headers: this.headers(), body: form }, expect);
  }
}
