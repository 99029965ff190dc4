import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { AttributeType, Database, DocumentLanguage, RespondentGroup } from '../db/schema';
import { projectsRepository } from '../features/projects/projects.repository';
import { usersRepository } from '../features/users/users.repository';
import type { Services } from '../services';
import { nowIso } from '../shared/ids';
import { seedDemoCoding } from './seed-coding';
import { seedLiterature } from './seed-literature';
import { seedDemoAssessment } from './seed-assessment';
import { seedDemoPractices } from './seed-practices';

export const DEMO_DIR = path.resolve(new URL('../../fixtures/demo', import.meta.url).pathname);

/** The account created when the demo is loaded on a server without any account (documented in the README). */
export const DEMO_OWNER = { email: 'demo@socprev.example', password: 'fictional-owner-2026', name: 'Demo owner (fictional)' };
const DEMO_CODERS = [
  { email: 'lotte.coder@socprev.example', name: 'Lotte Peeters (fictional coder)' },
  { email: 'camille.coder@socprev.example', name: 'Camille Dubois (fictional coder)' },
];

interface Manifest {
  project: { name: string; description: string };
  attributes: { name: string; type: AttributeType; choices?: string[] }[];
  documents: {
    file: string;
    title?: string;
    respondentGroup: RespondentGroup;
    language: DocumentLanguage;
    interviewDate: string;
    attributes: Record<string, string | number>;
  }[];
}

export function readManifest(dir = DEMO_DIR): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * Loads the fictional demo project through the real importer: transcripts, attributes, members.
 * Every administrator becomes its owner; on a server without accounts a demo owner is created.
 */
export async function seedDemo(db: Kysely<Database>, services: Services, options: { onlyIfEmpty?: boolean } = {}) {
  const manifest = readManifest();
  const anyProject = await db.selectFrom('projects').select('id').executeTakeFirst();
  if (options.onlyIfEmpty && anyProject) return { projectId: null, message: 'demo not loaded: the database already has projects' };
  const existing = await db.selectFrom('projects').select('id').where('name', '=', manifest.project.name).executeTakeFirst();
  if (existing) return { projectId: existing.id, message: `the demo project already exists (${existing.id})` };

  let createdOwner = false;
  if ((await usersRepository.count(db)) === 0) {
    await services.users.create({ ...DEMO_OWNER, isAdmin: true });
    createdOwner = true;
  }
  const admins = (await usersRepository.list(db)).filter((u) => u.is_admin === 1);
  const owner = admins[0]!;
  const project = await services.projects.create(owner.id, manifest.project.name, manifest.project.description);
  let coding;
  try {
    coding = await fillDemoProject(db, services, manifest, project.id, owner.id, admins.slice(1).map((a) => a.id));
  } catch (error) {
    await services.projects.delete(project.id); // never leave half a demo behind
    throw error;
  }
  const who = createdOwner ? ` Log in as ${DEMO_OWNER.email} with the password ${DEMO_OWNER.password}.` : '';
  const codings = Object.values(coding.codings).reduce((a, b) => a + b, 0);
  return {
    projectId: project.id,
    coding,
    message: `loaded the demo project with ${manifest.documents.length} transcripts, ${coding.codes} codes and ${codings} codings by two fictional coders; ${coding.extras.join('; ')}.${who}`,
  };
}

async function fillDemoProject(db: Kysely<Database>, services: Services, manifest: Manifest, projectId: string, ownerId: string, otherAdmins: string[]) {
  for (const adminId of otherAdmins) await services.projects.addMember(projectId, ownerId, adminId, 'owner');
  const coderIds: string[] = [];
  for (const coder of DEMO_CODERS) {
    const user = (await usersRepository.findByEmail(db, coder.email))
      ?? (await services.users.create({ ...coder, password: `${crypto.randomUUID()}-Aa1` }));
    await services.projects.addMember(projectId, ownerId, user.id, 'coder');
    coderIds.push(user.id);
  }

  const definitions = new Map<string, string>();
  for (const attribute of manifest.attributes) {
    const created = await services.attributes.createInTransaction(projectId, ownerId, attribute);
    definitions.set(attribute.name, created.id);
  }

  const files = manifest.documents.map((d) => ({ fileName: d.file, bytes: fs.readFileSync(path.join(DEMO_DIR, 'transcripts', d.file)) }));
  const outcome = await services.documents.importFiles(projectId, ownerId, files, { allowDuplicates: true });
  if (outcome.failed.length > 0) {
    throw new Error(`demo transcripts failed to import: ${outcome.failed.map((f) => `${f.fileName}: ${f.error.message}`).join('; ')}`);
  }
  for (const [index, entry] of manifest.documents.entries()) {
    const documentId = outcome.imported[index]!;
    const attributes = Object.fromEntries(Object.entries(entry.attributes).map(([name, value]) => [definitions.get(name)!, String(value)]));
    await services.documents.update(documentId, projectId, ownerId, {
      ...(entry.title ? { name: entry.title } : {}),
      respondentGroup: entry.respondentGroup, language: entry.language, interviewDate: entry.interviewDate, attributes,
    });
  }
  // The codebook, codings by the two fictional coders (Lotte, Camille) and memos.
  const coding = await seedDemoCoding(db, services, { projectId, ownerId, coderIds: [coderIds[0]!, coderIds[1]!] });
  // Literature, gaps and their evidence; then the practice records and their assessment, which cite them.
  const extras = [await seedLiterature(db, services, projectId, ownerId), await seedDemoPractices(db, services, projectId, ownerId),
    await seedDemoAssessment(db, services, projectId, ownerId)];
  await projectsRepository.update(db, projectId, { updated_at: nowIso() });
  return { ...coding, extras };
}
