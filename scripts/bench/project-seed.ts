/**
 * Puts a generated project (scripts/generate-corpus.ts) into the running server through its API,
 * as researchers would: the codebook, three coders as project members, the transcripts (uploads of
 * 20 files), codings by the coders on respondent passages, and memos on the project, documents and codes.
 */
import { codingPassages, type ImportedDocument, type ProjectPlan } from '../generate-corpus';
import { mulberry32 } from '../generate-transcript';
import { Api } from './http';

export interface SeededProject {
  projectId: string;
  documents: (ImportedDocument & { id: string })[];
  codeIds: string[];
  coderIds: string[];
  coders: Api[];
  importMs: number;
  codings: number;
  memos: number;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i);
  }));
}

export async function seedProject(owner: Api, plan: ProjectPlan, name: string, log: (m: string) => void): Promise<SeededProject> {
  const project = (await owner.post<{ id: string }>('/api/projects', { name })).body;
  const codeIds: string[] = [];
  const groupIds: string[] = [];
  for (const g of plan.codebook) {
    const parent = (await owner.post<{ id: string }>(`/api/projects/${project.id}/codes`, { name: g.group })).body;
    groupIds.push(parent.id);
    for (const c of g.codes) codeIds.push((await owner.post<{ id: string }>(`/api/projects/${project.id}/codes`, { name: c, parentId: parent.id })).body.id);
  }
  const coderIds: string[] = [];
  const coders: Api[] = [];
  const password = 'fictional bench password 2026';
  for (const c of plan.coders) {
    const users = await owner.get<{ users: { id: string; email: string }[] }>('/api/users');
    const existing = users.body.users?.find((u) => u.email === c.email);
    const user = existing ?? (await owner.post<{ id: string }>('/api/users', { email: c.email, name: c.name, password })).body;
    await owner.post(`/api/projects/${project.id}/members`, { userId: user.id, role: 'coder' });
    coderIds.push(user.id);
    coders.push(await Api.login(owner.baseUrl, c.email, password));
  }

  log(`${name}: importing ${plan.transcripts.length} transcripts of ${plan.words} words through the API …`);
  const ids: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < plan.transcripts.length; i += 20) {
    const batch = plan.transcripts.slice(i, i + 20).map((t) => ({ name: t.fileName, content: t.text }));
    ids.push(...(await owner.upload<{ documents: { id: string }[] }>(`/api/projects/${project.id}/documents`, batch)).body.documents.map((d) => d.id));
  }
  const importMs = performance.now() - t0;

  const documents: SeededProject['documents'] = new Array(ids.length);
  await pool(ids, 8, async (id, i) => {
    documents[i] = { ...(await owner.get<ImportedDocument>(`/api/documents/${id}`)).body, id };
  });

  const rand = mulberry32(plan.seed * 13 + 1);
  const codings: { coder: number; documentId: string; body: object }[] = [];
  documents.forEach((doc, d) => {
    for (const p of codingPassages(doc, plan.codingsPerTranscript, rand)) {
      codings.push({ coder: (d + codings.length) % coders.length, documentId: doc.id, body: { ...p, codeIds: [codeIds[Math.floor(rand() ** 1.5 * codeIds.length)]!] } });
    }
  });
  log(`${name}: ${codings.length} codings by ${coders.length} coders and ${plan.memos.length} memos through the API …`);
  await pool(codings, 8, async (c) => {
    await coders[c.coder]!.post(`/api/documents/${c.documentId}/segments`, c.body, [200, 201], false);
  });
  await pool(plan.memos, 4, async (m, i) => {
    const targetId = m.target === 'document' ? documents[m.transcript!]!.id : m.target === 'code' ? groupIds[m.group!]! : null;
    await coders[i % coders.length]!.post(`/api/projects/${project.id}/memos`, { targetType: m.target, targetId, title: m.title, body: m.body }, [201], false);
  });
  return { projectId: project.id, documents, codeIds, coderIds, coders, importMs: Math.round(importMs), codings: codings.length, memos: plan.memos.length };
}
