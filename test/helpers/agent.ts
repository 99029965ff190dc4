import type { App } from '../../server/app';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface UploadFile {
  name: string;
  content: Buffer | Uint8Array | string;
  type?: string;
}

/** Encodes files and fields as multipart/form-data with the platform's own FormData. */
export async function multipart(files: UploadFile[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) {
    const bytes = typeof file.content === 'string' ? new TextEncoder().encode(file.content) : new Uint8Array(file.content);
    form.append('files', new Blob([bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

/**
 * A signed-in browser as the API sees it: sends the session cookie and the CSRF header.
 *
 * @example
 * const owner = await Agent.login(app, 'owner@example.org', 'a long password');
 * const res = await owner.post('/api/projects', { name: 'P' });
 */
export class Agent {
  constructor(
    readonly app: App,
    readonly headers: Record<string, string>,
    readonly user: { id: string; email: string; name: string },
  ) {}

  static async login(app: App, email: string, password: string): Promise<Agent> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'socprev_session')!;
    const body = res.json();
    return new Agent(app, { cookie: `socprev_session=${cookie.value}`, 'x-csrf-token': body.csrfToken }, body.user);
  }

  request(method: Method, url: string, payload?: unknown) {
    return this.app.inject({ method, url, headers: this.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, payload: unknown = {}) => this.request('POST', url, payload);
  patch = (url: string, payload: unknown) => this.request('PATCH', url, payload);
  delete = (url: string) => this.request('DELETE', url);

  async upload(url: string, files: UploadFile[], fields: Record<string, string> = {}) {
    const { payload, contentType } = await multipart(files, fields);
    return this.app.inject({ method: 'POST', url, headers: { ...this.headers, 'content-type': contentType }, payload });
  }
}

export const PASSWORD = 'correct horse battery staple';

/** Sets up the server's first owner and returns them signed in. */
export async function setupOwner(app: App, email = 'owner@example.org'): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/setup', payload: { email, name: 'Olivia Owner', password: PASSWORD } });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return Agent.login(app, email, PASSWORD);
}

/** Creates an account (as the administrator `admin`) and signs it in. */
export async function createUser(admin: Agent, email: string, name = email.split('@')[0]!): Promise<Agent> {
  const res = await admin.post('/api/users', { email, name, password: PASSWORD });
  if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
  return Agent.login(admin.app, email, PASSWORD);
}

/** The same signed-in user, asking in another language (`Accept-Language`). */
export const inLanguage = (agent: Agent, acceptLanguage: string) =>
  new Agent(agent.app, { ...agent.headers, 'accept-language': acceptLanguage }, agent.user);
