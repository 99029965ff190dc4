import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WITHHELD_QUOTE } from '../../server/features/consent/export-policy';
import { Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const NL_WITHHELD = '[citaat niet weergegeven: toestemming van de deelnemer]';
const FR_WITHHELD = '[citation non reproduite : consentement de la personne interrogée]';
const QUIET = 'my brother sold pills at school';
const KEEP = 'the harbour project kept me busy';
const transcript = (phrase: string) => `Interviewer: What happened then?\n\nRespondent: Well, ${phrase}, and after that things changed.`;

/** The records of a CSV download (quoted fields may hold line breaks). */
const records = (body: string) => parse(body, { bom: true, relax_column_count: true }) as string[][];

/** Withheld quotes and the attribute and codebook CSV import reports in the reader's language (issue 10). */
describe.each(DIALECTS)('consent and import reports in the user\'s language (%s)', (dialect) => {
  let t: TestApp;
  let dutch: Agent;
  let french: Agent;
  let english: Agent;
  let projectId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    dutch = await setupOwner(t.app);
    expect((await dutch.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    const fr = await createUser(dutch, 'fr@example.org', 'Fanny Français');
    french = new Agent(t.app, { ...fr.headers, 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' }, fr.user);
    english = await createUser(dutch, 'en@example.org', 'Edgar English');
    projectId = (await dutch.post('/api/projects', { name: 'Languages' })).json().id;
    for (const agent of [french, english]) {
      expect((await dutch.post(`/api/projects/${projectId}/members`, { userId: agent.user.id, role: 'lead' })).statusCode).toBe(201);
    }
  });
  afterEach(() => t.close());

  describe('withheld quotes', () => {
    let codeId: string;
    let quietSegment: string;

    beforeEach(async () => {
      codeId = (await dutch.post(`/api/projects/${projectId}/codes`, { name: 'Turning point' })).json().id;
      for (const [name, phrase] of [['keep', KEEP], ['quiet', QUIET]] as const) {
        const id = (await dutch.upload(`/api/projects/${projectId}/documents`, [{ name: `participant-${name}.txt`, content: transcript(phrase) }])).json().documents[0].id;
        const text: string = (await dutch.get(`/api/documents/${id}`)).json().text;
        const start = text.indexOf(phrase);
        const segment = await dutch.post(`/api/documents/${id}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: [codeId] });
        expect(segment.statusCode).toBe(201);
        if (name === 'quiet') {
          quietSegment = segment.json().id;
          expect((await dutch.request('PUT', `/api/documents/${id}/consent`, { status: 'restricted', noQuotes: true })).statusCode).toBe(200);
        }
      }
      expect((await dutch.post(`/api/projects/${projectId}/memos`, { targetType: 'segment', targetId: quietSegment, title: 'Quiet passage', body: 'About it' })).statusCode).toBe(201);
    });

    /** The quote cells of the quiet participant's row in a CSV (the row found by its document name or memo title). */
    const quietRow = (body: string, marker: string) => records(body).find((r) => r.includes(marker))!;

    it('writes the withheld quote in Dutch and French in retrieval, query and table downloads, and in English as before', async () => {
      const query = (await dutch.post(`/api/projects/${projectId}/queries`, { name: 'Turning points', expression: '[Turning point]' })).json().id;
      const urls = [
        `/api/projects/${projectId}/codes/${codeId}/segments.csv`,
        `/api/projects/${projectId}/queries/${query}/results.csv`,
        `/api/projects/${projectId}/exports/segments.csv`,
      ];
      for (const url of urls) {
        for (const [agent, withheld] of [[dutch, NL_WITHHELD], [french, FR_WITHHELD], [english, WITHHELD_QUOTE]] as const) {
          const res = await agent.get(url);
          expect(res.statusCode, url).toBe(200);
          expect(res.body, url).toContain(KEEP);
          expect(res.body, url).not.toContain(QUIET);
          const row = quietRow(res.body, 'participant-quiet');
          // The quote and both context cells are withheld, in the reader's words.
          expect(row.filter((cell) => cell === withheld).length, url).toBeGreaterThanOrEqual(1);
          for (const other of [NL_WITHHELD, FR_WITHHELD, WITHHELD_QUOTE].filter((w) => w !== withheld)) expect(res.body, url).not.toContain(other);
        }
      }
      expect(quietRow((await english.get(`/api/projects/${projectId}/exports/segments.csv`)).body, 'participant-quiet').slice(5, 8))
        .toEqual([WITHHELD_QUOTE, WITHHELD_QUOTE, WITHHELD_QUOTE]);
    });

    it('writes the withheld quote of a memo\'s passage in the reader\'s language', async () => {
      for (const [agent, withheld] of [[dutch, NL_WITHHELD], [french, FR_WITHHELD], [english, WITHHELD_QUOTE]] as const) {
        const body = (await agent.get(`/api/projects/${projectId}/exports/memos.csv`)).body;
        expect(body).not.toContain(QUIET);
        expect(quietRow(body, 'Quiet passage').join('\n')).toContain(withheld);
      }
    });

    it('writes the withheld evidence quotes of the gap report and the practice inventory in the reader\'s language', async () => {
      const segmentIds = (await dutch.get(`/api/projects/${projectId}/codes/${codeId}/segments`)).json().segments.map((s: { segmentId: string }) => s.segmentId);
      expect(segmentIds).toHaveLength(2);
      const url = (p: string) => `/api/projects/${projectId}/literature${p}`;
      const gap = (await dutch.post(url('/gaps'), { statement: 'Turning points of young offenders' })).json();
      const linkId = (await dutch.post(url(`/gaps/${gap.id}/codes`), { codeId, relation: 'fills' })).json().links[0].linkId;
      for (const segmentId of segmentIds) expect((await dutch.post(url(`/gaps/${gap.id}/codes/${linkId}/evidence`), { segmentId })).statusCode).toBe(201);

      const now = new Date().toISOString();
      const practiceId = crypto.randomUUID();
      await t.app.db.insertInto('practice_records').values({
        id: practiceId, project_id: projectId, name: 'Harbour mentoring', description: '', municipality: '', region: 'flanders', country: '', language: 'nl',
        organisation: '', target_group: '', crime_types: '[]', intervention_type: '', working_mechanisms: '', period_start: null, period_end: null, budget_eur: null,
        cost_notes: '', evaluation_status: 'none', sms_level: null, evidence_rating: null, record_source: '', created_by: dutch.user.id, created_at: now, updated_at: now,
      }).execute();
      const practiceLink = crypto.randomUUID();
      await t.app.db.insertInto('practice_codes').values({ id: practiceLink, practice_id: practiceId, code_id: codeId, note: '', created_by: null, created_at: now, updated_at: now }).execute();
      for (const segmentId of segmentIds) {
        await t.app.db.insertInto('practice_code_evidence').values({ id: crypto.randomUUID(), practice_code_id: practiceLink, segment_id: segmentId, note: '', created_by: null, created_at: now }).execute();
      }

      for (const [agent, withheld] of [[dutch, NL_WITHHELD], [french, FR_WITHHELD], [english, WITHHELD_QUOTE]] as const) {
        for (const report of [url('/gaps/report.html'), `/api/projects/${projectId}/inventory.html`]) {
          const html = (await agent.get(report)).body;
          expect(html, report).toContain(KEEP);
          expect(html, report).not.toContain(QUIET);
          expect(html, report).toContain(withheld);
        }
      }
    });
  });

  describe('attribute CSV import report', () => {
    beforeEach(async () => {
      expect((await dutch.upload(`/api/projects/${projectId}/documents`, [{ name: 'a.txt', content: transcript(KEEP) }])).statusCode).toBe(201);
      for (const attribute of [
        { name: 'Years', type: 'number' }, { name: 'Region', type: 'choice', choices: ['Flanders', 'Brussels'] },
        { name: 'Note', type: 'text' }, { name: 'Visit', type: 'date' },
      ]) expect((await dutch.post(`/api/projects/${projectId}/attributes`, attribute)).statusCode).toBe(201);
    });

    const CSV = [
      'file,Respondent group,Language,Interview date,Years,Region,Note,Visit',
      `a.txt,martian,xx,not a date,many,Mars,${'x'.repeat(2001)},31/02/2026`,
      'missing.txt,belgian,nl,,,,,',
      ',belgian,nl,,,,,',
    ].join('\n');
    const importCsv = (agent: Agent, payload: string) => t.app.inject({
      method: 'POST', url: `/api/projects/${projectId}/attributes/import`, headers: { ...agent.headers, 'content-type': 'text/csv' }, payload,
    });

    it('reports every bad cell and line in Dutch, French, and in English as before', async () => {
      const errorsOf = async (agent: Agent) => {
        const res = await importCsv(agent, CSV);
        expect(res.statusCode).toBe(200);
        return (res.json().rows as { errors: string[] }[]).map((r) => r.errors);
      };
      expect(await errorsOf(english)).toEqual([
        [
          'Respondent group: "martian" is not international or Belgian.',
          'Language: "xx" is not nl, fr, en or other.',
          'Interview date: "not a date" is not a date (use YYYY-MM-DD or DD/MM/YYYY).',
          'Years: "many" is not a number.',
          'Region: "Mars" is not one of the choices (Flanders, Brussels).',
          'Note: is longer than 2,000 characters.',
          'Visit: "31/02/2026" is not a date (use YYYY-MM-DD or DD/MM/YYYY).',
        ],
        ['No document named "missing.txt" in this project.'],
        ['The file name is empty.'],
      ]);
      expect(await errorsOf(dutch)).toEqual([
        [
          'Respondent group: “martian” is niet internationaal of Belgisch.',
          'Language: “xx” is niet nl, fr, en of andere.',
          'Interview date: “not a date” is geen datum (gebruik JJJJ-MM-DD of DD/MM/JJJJ).',
          'Years: “many” is geen getal.',
          'Region: “Mars” hoort niet bij de keuzemogelijkheden (Flanders, Brussels).',
          'Note: is langer dan 2.000 tekens.',
          'Visit: “31/02/2026” is geen datum (gebruik JJJJ-MM-DD of DD/MM/JJJJ).',
        ],
        ['Dit project heeft geen document met de naam “missing.txt”.'],
        ['De bestandsnaam is leeg.'],
      ]);
      const frenchErrors = await errorsOf(french);
      expect(frenchErrors[0]).toEqual([
        'Respondent group : « martian » n’est ni international ni belge.',
        'Language : « xx » n’est pas nl, fr, en ou autre.',
        'Interview date : « not a date » n’est pas une date (utilisez AAAA-MM-JJ ou JJ/MM/AAAA).',
        'Years : « many » n’est pas un nombre.',
        'Region : « Mars » ne fait pas partie des choix possibles (Flanders, Brussels).',
        // French groups thousands with a narrow no-break space.
        'Note : dépasse 2\u202f000 caractères.',
        'Visit : « 31/02/2026 » n’est pas une date (utilisez AAAA-MM-JJ ou JJ/MM/AAAA).',
      ]);
      expect(frenchErrors.slice(1)).toEqual([['Aucun document nommé « missing.txt » dans ce projet.'], ['Le nom de fichier est vide.']]);
    });

    it('refuses an empty file in the reader\'s language', async () => {
      const messages = await Promise.all([english, dutch, french].map(async (agent) => {
        const res = await importCsv(agent, 'file,Years\n');
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('CSV_EMPTY');
        return res.json().error.message;
      }));
      expect(messages).toEqual([
        'The CSV file needs a header line and at least one line of values.',
        'Het CSV-bestand moet een kopregel en minstens één regel met waarden bevatten.',
        'Le fichier CSV doit contenir une ligne d’en-tête et au moins une ligne de valeurs.',
      ]);
    });
  });

  describe('codebook CSV import report', () => {
    const importCsv = (agent: Agent, payload: string) => t.app.inject({
      method: 'POST', url: `/api/projects/${projectId}/codebook.csv`, headers: { ...agent.headers, 'content-type': 'text/csv' }, payload,
    });

    it('reports bad lines in Dutch, French, and in English as before; the CSV format is the same in every language', async () => {
      const messagesOf = async (agent: Agent) => {
        const res = await importCsv(agent, 'path;color\nOutcomes > Relapse;#00ff00\nBad;not-a-colour\n ;#112233\n');
        expect(res.statusCode).toBe(200);
        return (res.json().rows as { status: string; message?: string }[]).map((r) => [r.status, r.message]);
      };
      expect(await messagesOf(english)).toEqual([['created', undefined], ['error', '"not-a-colour" is not a colour like #1f5f5b.'], ['error', 'The path is empty.']]);
      expect(await messagesOf(dutch)).toEqual([['unchanged', undefined], ['error', '“not-a-colour” is geen kleur zoals #1f5f5b.'], ['error', 'Het pad is leeg.']]);
      expect(await messagesOf(french)).toEqual([['unchanged', undefined], ['error', '« not-a-colour » n’est pas une couleur du type #1f5f5b.'], ['error', 'Le chemin est vide.']]);
    });

    it('refuses a file without a path column in the reader\'s language', async () => {
      const messages = await Promise.all([english, dutch, french].map(async (agent) => {
        const res = await importCsv(agent, 'name,color\nOutreach,#00ff00\n');
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('CSV_INVALID');
        return res.json().error.message;
      }));
      expect(messages).toEqual([
        'The CSV file needs a "path" column (for example "Working mechanisms > Outreach").',
        'Het CSV-bestand moet een kolom “path” hebben (bijvoorbeeld “Werkzame mechanismen > Outreach”).',
        'Le fichier CSV doit comporter une colonne « path » (par exemple « Mécanismes d’action > Travail de proximité »).',
      ]);
    });
  });
});
