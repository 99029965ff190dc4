/** Preparing a load run: accounts, one project with everyone in it as coder, codes and transcripts. */
import { Client } from './client';

export interface LoadFixture {
  projectId: string;
  codeIds: string[];
  documents: { id: string; text: string }[];
  coders: Client[];
}

const WORDS = ['housing', 'debt', 'outreach', 'trust', 'the', 'worker', 'said', 'we', 'never', 'counted', 'costs', 'and', 'then', 'police', 'school', 'family', 'money', 'help', 'week', 'again'];

/** A plain ASCII interview of `turns` turns (ASCII so every offset is a safe range boundary). */
export function interviewText(turns: number, seed: number): string {
  const lines: string[] = [];
  let x = seed * 7919 + 1;
  for (let i = 0; i < turns; i++) {
    const words: string[] = [];
    for (let w = 0; w < 18; w++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      words.push(WORDS[x % WORDS.length]!);
    }
    lines.push(`${i % 2 ? 'Respondent' : 'Interviewer'}: ${words.join(' ')}.`);
  }
  return lines.join('\n');
}

async function must<T>(what: string, answer: Promise<{ status: number; body: T }>, ok = [200, 201]): Promise<T> {
  const a = await answer;
  if (!ok.includes(a.status)) throw new Error(`${what} answered ${a.status}: ${JSON.stringify(a.body).slice(0, 300)}`);
  return a.body;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
  }));
  return out;
}

/**
 * As the administrator `admin`: creates `coders` accounts (unique to this run), a project with
 * them as coders, 12 codes and `documents` transcripts of 600 turns; then signs every coder in.
 */
export async function prepareLoad(admin: Client, options: { coders: number; documents: number; password: string; runId: string }): Promise<LoadFixture> {
  const project = await must<{ id: string }>('create project', admin.post('/api/projects', { name: `Load test ${options.runId}` }));
  const codeIds: string[] = [];
  for (const name of ['Housing', 'Debt', 'Outreach', 'Trust', 'Police', 'School', 'Family', 'Money', 'Help', 'Costs', 'Workers', 'Barriers']) {
    codeIds.push((await must<{ id: string }>(`create code ${name}`, admin.post(`/api/projects/${project.id}/codes`, { name }))).id);
  }
  const documents: LoadFixture['documents'] = [];
  for (let d = 0; d < options.documents; d++) {
    const body = await must<{ documents: { id: string }[] }>('import', admin.upload(`/api/projects/${project.id}/documents`, [{ name: `interview-${d + 1}.txt`, content: interviewText(600, d + 1) }]));
    const id = body.documents[0]!.id;
    documents.push({ id, text: (await must<{ text: string }>('open document', admin.get(`/api/documents/${id}`))).text });
  }
  const emails = Array.from({ length: options.coders }, (_, i) => `load-${options.runId}-${i + 1}@example.org`);
  await pool(emails, 5, async (email, i) => {
    const user = await must<{ id: string }>(`create ${email}`, admin.post('/api/users', { email, name: `Load coder ${i + 1}`, password: options.password }));
    await must(`add ${email}`, admin.post(`/api/projects/${project.id}/members`, { userId: user.id, role: 'coder' }));
  });
  const coders = await pool(emails, 5, (email) => Client.login(admin.baseUrl, email, options.password));
  return { projectId: project.id, codeIds, documents, coders };
}
