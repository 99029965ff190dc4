import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_OWNER, readManifest, seedDemo } from '../../server/demo/seed-demo';
import { Agent } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

describe.each(DIALECTS)('demo project (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.close());

  it('loads every fictional transcript through the real importer, with attributes and two coders', async () => {
    const manifest = readManifest();
    expect(manifest.documents.length).toBeGreaterThanOrEqual(12);
    const result = await seedDemo(t.app.db, t.app.services);
    expect(result.projectId).toBeTruthy();
    const owner = await Agent.login(t.app, DEMO_OWNER.email, DEMO_OWNER.password);
    const documents = (await owner.get(`/api/projects/${result.projectId}/documents`)).json().documents;
    expect(documents).toHaveLength(manifest.documents.length);
    const formats = new Set(documents.map((d: { format: string }) => d.format));
    expect(formats).toEqual(new Set(['docx', 'txt', 'vtt']));
    expect(new Set(documents.map((d: { language: string }) => d.language))).toEqual(new Set(['en', 'nl', 'fr']));
    expect(new Set(documents.map((d: { respondentGroup: string }) => d.respondentGroup))).toEqual(new Set(['international', 'belgian']));
    for (const d of documents) {
      expect(d.wordCount, d.name).toBeGreaterThanOrEqual(1400);
      expect(d.wordCount, d.name).toBeLessThanOrEqual(4000);
      expect(d.interviewDate, d.name).toMatch(/^2026-/);
      expect(Object.keys(d.attributes).length, d.name).toBe(manifest.attributes.length);
      expect(d.speakers.some((s: { role: string }) => s.role === 'interviewer'), `${d.name} has an interviewer`).toBe(true);
      expect(d.speakers.some((s: { role: string }) => s.role === 'respondent'), `${d.name} has a respondent`).toBe(true);
    }
    // The language the importer detects agrees with the manifest for every transcript.
    for (const entry of manifest.documents) {
      const doc = documents.find((d: { fileName: string }) => d.fileName === entry.file);
      expect(doc.language, entry.file).toBe(entry.language);
    }
    const members = (await owner.get(`/api/projects/${result.projectId}/members`)).json().members;
    expect(members.filter((m: { role: string }) => m.role === 'coder')).toHaveLength(2);
    expect((await seedDemo(t.app.db, t.app.services, { onlyIfEmpty: true })).projectId).toBeNull();
  });
});
