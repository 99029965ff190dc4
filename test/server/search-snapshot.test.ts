import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QUERIES } from '../../scripts/bench/search';
import { generateCorpus } from '../../scripts/generate-corpus';
import { type IndexedDocument, type IndexedNote, ProjectIndex } from '../../server/features/search/project-index';
import { SearchIndexes } from '../../server/features/search/search-indexes';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_VERSION } from '../../server/features/search/snapshot-codec';
import { parseSearch } from '../../server/features/search/text-tokens';
import { type Agent, setupOwner } from '../helpers/agent';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * Binary snapshots of a project's search index: a round trip answers every query exactly as the
 * index it was taken from (and stays editable); a truncated, damaged or older snapshot is refused,
 * and SearchIndexes rebuilds the index from the database instead.
 */

const EXTRA = ['police "police"', '"dealers" dealers', 'the', 'politie', 'évaluation', 'jeune quartier', 'polic', 'rival', 'l’école', 'xyzzy'];

function termsOf(q: string) {
  const p = parseSearch(q);
  return [...p.terms.map((term) => ({ term, exact: false })), ...p.phrases.flat().map((term) => ({ term, exact: true }))];
}

function answers(index: ProjectIndex) {
  return [...QUERIES, ...EXTRA].map((q) => {
    const { turns, notes } = index.query(termsOf(q), () => true);
    return {
      q,
      turns: turns.map((r) => [r.documentId, r.turn, r.role, r.score, r.termCount, r.terms]),
      notes: notes.map((n) => [n.kind, n.ownerId, n.title, n.score, n.terms]),
    };
  });
}

const roundTrip = (index: ProjectIndex, lastEventId = 7) => {
  const snapshot = decodeSnapshot(Buffer.concat(encodeSnapshot({ lastEventId, parts: index.toParts() })));
  expect(snapshot.lastEventId).toBe(lastEventId);
  return ProjectIndex.fromParts(snapshot.parts);
};

describe('search snapshot codec', () => {
  let docs: IndexedDocument[];
  const notes: IndexedNote[] = [
    { kind: 'code', id: 'c1', title: 'Police work', text: 'Police prevention and outreach near the station' },
    { kind: 'memo', id: 'm1', title: 'Jeunes', text: 'Les jeunes du quartier et la police, aujourd’hui à l’école' },
    { kind: 'code', id: 'c2', title: 'Systemic crime', text: 'Violence between rival dealers' },
  ];

  beforeAll(async () => {
    const corpus = await generateCorpus({ transcripts: 8, words: 1200, seed: 5 });
    docs = corpus.map((t, i) => {
      const turns: IndexedDocument['turns'] = [];
      let at = 0;
      for (const para of t.text.split('\n\n')) {
        const n = turns.length;
        if (para.trim()) {
          turns.push({
            start: at, end: at + para.length, role: n % 3 === 2 ? null : n % 2 ? 'respondent' : 'interviewer',
            speaker: n % 2 ? `Respondent ${i} – Zoë` : null, mediaStartMs: n % 4 === 0 ? null : n * 1500,
          });
        }
        at += para.length + 2;
      }
      return { id: `d${i}`, revisionId: `r${i}`, text: i === 0 ? `${t.text}\n\nÉén ruïne, c’était déjà ça 🙂.` : t.text, turns };
    });
  });

  const build = () => {
    const index = new ProjectIndex();
    for (const d of docs) index.putDocument(d);
    index.setNotes(notes);
    index.trim();
    // Edits leave holes among the entry ids and documents out of entry order.
    index.putDocument({ ...docs[1]!, revisionId: 'r1b', text: docs[1]!.text.replace(/police/gi, 'politie') });
    index.removeDocument(docs[2]!.id);
    index.setNotes(notes.slice(1));
    return index;
  };

  it('answers every query exactly as the index it was taken from, and keeps the documents', () => {
    const index = build();
    const loaded = roundTrip(index);
    expect(answers(loaded)).toEqual(answers(index));
    expect(answers(index).some((a) => a.turns.length > 0 && a.notes.length > 0)).toBe(true);
    expect([...loaded.documents.values()]).toEqual([...index.documents.values()]);
  });

  it('stays editable after loading, like the original', () => {
    const index = build();
    const loaded = roundTrip(index);
    for (const target of [index, loaded]) {
      target.putDocument({ ...docs[3]!, revisionId: 'r3b', text: docs[3]!.text.replace(/the/g, 'een') });
      target.removeDocument(docs[4]!.id);
      target.putDocument(docs[2]!);
      target.setNotes([...notes, { kind: 'memo', id: 'm9', title: 'Nieuw', text: 'Een nieuwe notitie over politie' }]);
    }
    expect(answers(loaded)).toEqual(answers(index));
    expect(answers(roundTrip(loaded))).toEqual(answers(index));
  });

  it('round-trips an empty index', () => {
    const loaded = roundTrip(new ProjectIndex());
    expect(loaded.query(termsOf('police'), () => true)).toEqual({ turns: [], notes: [] });
    loaded.putDocument(docs[0]!);
    expect(loaded.turns(termsOf('the'), () => true).length).toBeGreaterThan(0);
  });

  it('refuses truncated, damaged, older and foreign files', () => {
    const bytes = Buffer.concat(encodeSnapshot({ lastEventId: 1, parts: build().toParts() }));
    expect(() => decodeSnapshot(bytes)).not.toThrow();
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length >> 1))).toThrow(/truncated/);
    expect(() => decodeSnapshot(bytes.subarray(0, 10))).toThrow();
    for (const at of [30, bytes.length >> 2, bytes.length >> 1, bytes.length - 3]) {
      const damaged = Buffer.from(bytes);
      damaged[at] ^= 0x10;
      expect(() => decodeSnapshot(damaged), `byte ${at}`).toThrow(/damaged/);
    }
    const older = Buffer.from(bytes);
    older.writeUInt32LE(SNAPSHOT_VERSION - 1, 8);
    expect(() => decodeSnapshot(older)).toThrow(/version/);
    expect(() => decodeSnapshot(Buffer.from(JSON.stringify({ version: 2, lastEventId: 1, index: {} })))).toThrow(/not a snapshot/);
  });
});

describe('search snapshots on disk: damaged or older ones are rebuilt from the database', () => {
  let t: TestApp;
  let owner: Agent;
  let projectId: string;
  let dir: string;

  beforeEach(async () => {
    t = await createTestApp('sqlite');
    owner = await setupOwner(t.app);
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'a.txt', content: 'Interviewer: Pourquoi?\n\nRespondent: À cause des overdoses, c’était grave.' }]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-snapshot-'));
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const snapshot = () => path.join(dir, `${projectId}.index`);
  const hits = async (indexes: SearchIndexes, term: string) =>
    (await indexes.get(projectId)).turns([{ term, exact: true }], () => true).map((r) => [r.documentId, r.turn, r.role]);

  /** Loads the index (from the snapshot if any), checks its answers, and writes the snapshot back. */
  const loadAndUnload = async () => {
    const indexes = new SearchIndexes(t.app.db, { snapshotDir: dir });
    const found = { overdoses: await hits(indexes, 'overdoses'), etait: await hits(indexes, 'etait'), absent: await hits(indexes, 'naloxone') };
    await indexes.close();
    return found;
  };

  it('ignores an old JSON snapshot, then writes and reads a binary one', async () => {
    const old = path.join(dir, `${projectId}.json`);
    fs.writeFileSync(old, JSON.stringify({ version: 2, lastEventId: 999, index: { search: {}, documents: [], notes: [] } }));
    const fresh = await loadAndUnload();
    expect(fresh.overdoses).toHaveLength(1);
    expect(fresh.etait).toEqual(fresh.overdoses);
    expect(fresh.absent).toEqual([]);
    expect(fs.existsSync(old)).toBe(false);
    expect(() => decodeSnapshot(fs.readFileSync(snapshot()))).not.toThrow();
    expect(await loadAndUnload()).toEqual(fresh);
  });

  it('rebuilds the index when the snapshot is truncated or damaged', async () => {
    const fresh = await loadAndUnload();
    const bytes = fs.readFileSync(snapshot());
    fs.writeFileSync(snapshot(), bytes.subarray(0, bytes.length - 100));
    expect(await loadAndUnload()).toEqual(fresh);
    expect(fs.readFileSync(snapshot())).toEqual(bytes);

    const damaged = Buffer.from(bytes);
    damaged[damaged.length >> 1] ^= 0xff;
    fs.writeFileSync(snapshot(), damaged);
    expect(await loadAndUnload()).toEqual(fresh);
    expect(fs.readFileSync(snapshot())).toEqual(bytes);
  });
});
