/**
 * Scale out: two real server processes on one PostgreSQL database behave as one workbench. A
 * session made on A works on B (cookie and CSRF token), a transcript imported on A is found by
 * search on B, a coding made on A arrives live on B's event stream and shows in B's segment list
 * and code filter, and undo on B takes back what the same user did on A. A second test proves
 * that NOTIFY wakes another server's live poller at once (its own poll set to a minute).
 *
 * PostgreSQL only: skipped with a clear message without DATABASE_URL; with REQUIRE_POSTGRES=1
 * (CI) a missing DATABASE_URL fails. Needs the built client (`npm run build`).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db/create-db';
import { migrateToLatest } from '../../server/db/migrator';
import { eventsRepository } from '../../server/features/events/events.repository';
import { LiveFeed, type LiveEvent } from '../../server/features/live/live-feed';
import { CHANGES_CHANNEL } from '../../server/features/live/pg-listener';
import { type RunningServer, startServer } from '../helpers/server-process';

const DATABASE_URL = process.env.DATABASE_URL;
const EMAIL = 'lead@example.org';
const PASSWORD = 'a long enough password';
const TRANSCRIPT = 'Interviewer: How do young people get into debt?\n\nRespondent: Through the loansharks near the station; the kapsalon pays their rent.';

/** A signed-in browser as seen by one server: session cookie plus CSRF header. */
class Session {
  constructor(readonly base: string, readonly cookie: string, readonly csrf: string) {}

  /** The same session, sent to another server. */
  on(base: string) {
    return new Session(base, this.cookie, this.csrf);
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}${path}`, { method, headers, body: payload });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }
}

async function logIn(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('socprev_session='))!;
  return new Session(base, cookie, (await res.json()).csrfToken);
}

/** Reads a server-sent event stream in the background, keeping every `change` event with the time it arrived. */
async function openStream(session: Session, projectId: string) {
  const controller = new AbortController();
  const res = await fetch(`${session.base}/api/projects/${projectId}/stream`, { headers: { cookie: session.cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const received: { at: number; event: LiveEvent }[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: change') && data) received.push({ at: Date.now(), event: JSON.parse(data.slice(6)) });
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  return {
    received,
    async waitFor(type: string, since: number, timeoutMs = 3_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = received.find((r) => r.event.type === type && r.at >= since);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no "${type}" event on the stream within ${timeoutMs} ms; got: ${received.map((r) => r.event.type).join(', ') || 'nothing'}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => controller.abort(),
  };
}

function describePostgres(name: string, body: () => void) {
  if (DATABASE_URL) describe(name, body);
  else if (process.env.REQUIRE_POSTGRES === '1') {
    describe(name, () => {
      it('needs PostgreSQL', () => {
        throw new Error('REQUIRE_POSTGRES=1 but DATABASE_URL is not set: the scale-out test needs PostgreSQL');
      });
    });
  } else describe.skip(`${name} (skipped: set DATABASE_URL to a PostgreSQL server to run it)`, body);
}

describePostgres('scale out: two servers on one PostgreSQL', () => {
  const dbName = `socprev_scale_${randomBytes(5).toString('hex')}`;
  let url = '';
  let a: RunningServer;
  let b: RunningServer;
  let projectId = '';

  async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${dbName}`));
    const u = new URL(DATABASE_URL!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    // Both start at once on the empty database: migrations and the first owner must not collide.
    const env = { DATABASE_URL: url, SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD };
    const startedAt = Date.now();
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
    console.info(`scale-out: both servers ready in ${Date.now() - startedAt} ms`);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await admin((c) => c.query(`drop database if exists ${dbName} with (force)`));
  });

  it('shares sessions, live updates, search and undo between the servers', async () => {
    expect(a.url).not.toBe(b.url);
    const onA = await logIn(a.url);
    const onB = onA.on(b.url);
    // The session made on A works on B, CSRF token included (a write).
    expect((await onB.call('GET', '/api/auth/me')).json.user.email).toBe(EMAIL);
    const project = await onB.call('POST', '/api/projects', { name: 'Scale-out study' });
    expect(project.status).toBe(201);
    projectId = project.json.id;
    expect((await onA.call('GET', `/api/projects/${projectId}`)).status).toBe(200);
    expect((await new Session(b.url, onA.cookie, 'wrong').call('POST', '/api/projects', { name: 'Forged' })).status).toBe(403);

    const stream = await openStream(onB, projectId);
    try {
      // Imported on A, found by search on B.
      const form = new FormData();
      form.append('files', new Blob([TRANSCRIPT], { type: 'text/plain' }), 'station.txt');
      const imported = await onA.call('POST', `/api/projects/${projectId}/documents`, form);
      expect(imported.status).toBe(201);
      const documentId = imported.json.documents[0].id as string;
      const found = await onB.call('GET', `/api/projects/${projectId}/search?q=loansharks`);
      expect(found.status).toBe(200);
      expect(found.json.hits.map((h: { documentId: string }) => h.documentId)).toEqual([documentId]);

      // Coded on A: live on B's stream, in B's segment list and in B's search filter by code.
      const code = await onA.call('POST', `/api/projects/${projectId}/codes`, { name: 'Informal lending' });
      expect(code.status).toBe(201);
      const codeId = code.json.id as string;
      const text = (await onA.call('GET', `/api/documents/${documentId}`)).json.text as string;
      const start = text.indexOf('loansharks');
      const codedAt = Date.now();
      const coded = await onA.call('POST', `/api/documents/${documentId}/segments`, { start, end: start + 10, exact: 'loansharks', codeIds: [codeId] });
      expect(coded.status).toBe(201);
      const arrived = await stream.waitFor('segment.coded', codedAt);
      expect(arrived.event.entityId).toBe(coded.json.id);
      console.info(`scale-out: coding on A reached B's stream in ${arrived.at - codedAt} ms`);

      const listed = await onB.call('GET', `/api/projects/${projectId}/codes/${codeId}/segments`);
      expect(listed.json.segments.map((s: { segmentId: string; quote: string }) => [s.segmentId, s.quote])).toEqual([[coded.json.id, 'loansharks']]);
      const filtered = await onB.call('GET', `/api/projects/${projectId}/search?q=rent&codeId=${codeId}&codeMode=with`);
      expect(filtered.json.hits.map((h: { documentId: string }) => h.documentId)).toEqual([documentId]);

      // Undo on B what the same user did on A; A sees it undone, and the stream says so. With two
      // codings, undo asked on both servers at once (a double click) takes back each exactly once.
      const rent = text.indexOf('rent');
      expect((await onA.call('POST', `/api/documents/${documentId}/segments`, { start: rent, end: rent + 4, exact: 'rent', codeIds: [codeId] })).status).toBe(201);
      const undoneAt = Date.now();
      const both = await Promise.all([onB.call('POST', `/api/projects/${projectId}/undo`), onA.call('POST', `/api/projects/${projectId}/undo`)]);
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      expect(both.map((r) => r.json.undone.type)).toEqual(['segment.coded', 'segment.coded']);
      expect(new Set(both.map((r) => r.json.undone.eventId)).size).toBe(2);
      await stream.waitFor('action.undone', undoneAt);
      expect((await onA.call('GET', `/api/documents/${documentId}/segments`)).json.segments).toEqual([]);
      expect((await onB.call('GET', `/api/projects/${projectId}/search?q=rent&codeId=${codeId}&codeMode=with`)).json.hits).toEqual([]);
      // One history per user across servers: the next undo, asked on A, takes back the code created there.
      expect((await onA.call('POST', `/api/projects/${projectId}/undo`)).json.undone.type).toBe('code.created');
    } finally {
      stream.close();
    }
  }, 30_000);

  it('wakes another process at once through NOTIFY, without waiting for its poll', async () => {
    expect(projectId).not.toBe('');
    const one = createDb({ databaseUrl: url });
    const two = createDb({ databaseUrl: url });
    await migrateToLatest(one);
    const announcer = new LiveFeed(one.db, { databaseUrl: url, pollMs: 60_000 });
    const listener = new LiveFeed(two.db, { databaseUrl: url, pollMs: 60_000 });
    const listening = () => admin(async (c) => Number((await c.query(`select count(*) from pg_stat_activity where datname = $1 and query = $2`, [dbName, `LISTEN ${CHANGES_CHANNEL}`])).rows[0].count));
    try {
      const before = await listening();
      const got: LiveEvent[] = [];
      listener.subscribe(projectId, (e) => got.push(e));
      await listener.poll(); // the first read only sets where the feed starts
      for (let i = 0; (await listening()) <= before; i++) {
        if (i > 100) throw new Error('the live feed never started listening');
        await new Promise((r) => setTimeout(r, 20));
      }
      const id = await eventsRepository.record(one.db, { projectId, userId: null, type: 'test.ping', entityType: 'project', entityId: projectId });
      const sentAt = Date.now();
      announcer.announce();
      while (!got.some((e) => e.id === id)) {
        if (Date.now() - sentAt > 2_000) throw new Error('the NOTIFY did not wake the other live feed within 2 s (its poll is 60 s)');
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      await Promise.all([announcer.stop(), listener.stop()]);
      await Promise.all([one.close(), two.close()]);
    }
  }, 15_000);
});
