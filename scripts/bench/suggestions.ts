/**
 * How well code suggestions do on the demo project: 5-fold cross-validation over its coded
 * passages (seeded); for each held-out passage, is one of its codes among the top 1 / 3 / 5
 * suggestions of a model trained on the other folds? Beside a baseline that always suggests the
 * most frequent codes of the training folds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createDb } from '../../server/db/create-db';
import { migrateToLatest } from '../../server/db/migrator';
import { seedDemo } from '../../server/demo/seed-demo';
import { codedExamples } from '../../server/features/suggest/suggestions.service';
import { trainSuggester } from '../../server/features/suggest/suggester';
import { mulberry32 } from '../generate-transcript';

export async function benchSuggestions() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-suggest-'));
  const database = createDb({ sqliteFile: path.join(dir, 'demo.sqlite') });
  try {
    await migrateToLatest(database);
    const app = await buildApp({ config: loadConfig({ DATA_DIR: dir, SEARCH_SNAPSHOTS: '0' }), database });
    const { projectId } = await seedDemo(app.db, app.services);
    const examples = await codedExamples(app.db, projectId!);
    const rand = mulberry32(42);
    const folds = examples.map(() => Math.floor(rand() * 5));
    const hits = { top1: 0, top3: 0, top5: 0, baseline3: 0 };
    for (let fold = 0; fold < 5; fold++) {
      const train = examples.filter((_, i) => folds[i] !== fold);
      const test = examples.filter((_, i) => folds[i] === fold);
      const suggest = trainSuggester(train);
      const frequency = new Map<string, number>();
      for (const e of train) for (const c of e.codeIds) frequency.set(c, (frequency.get(c) ?? 0) + 1);
      const mostFrequent = [...frequency].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([c]) => c);
      for (const e of test) {
        const ranked = suggest(e.text, 5).map((s) => s.codeId);
        const hit = (k: number) => ranked.slice(0, k).some((c) => e.codeIds.includes(c));
        if (hit(1)) hits.top1++;
        if (hit(3)) hits.top3++;
        if (hit(5)) hits.top5++;
        if (mostFrequent.some((c) => e.codeIds.includes(c))) hits.baseline3++;
      }
    }
    await app.close();
    const n = examples.length;
    const rate = (k: number) => Math.round((k / n) * 1000) / 10;
    return { heldOutPassages: n, folds: 5, top1Percent: rate(hits.top1), top3Percent: rate(hits.top3), top5Percent: rate(hits.top5), baselineTop3Percent: rate(hits.baseline3), codes: new Set(examples.flatMap((e) => e.codeIds)).size };
  } finally {
    await database.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
