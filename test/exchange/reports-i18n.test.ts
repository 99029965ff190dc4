import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readZipEntries } from '../../server/features/exchange/backup-zip-reader';
import { Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';
import { buildRichProject, writeZip } from './backup-fixture';
import { TINY_TEXT, zipOf } from './refi-fixtures';

/**
 * A REFI-QDA project that gives every kind of report line: a code with its hierarchy in its name, two
 * codes of the same name, an empty and an unknown-code passage, a text source without its text (with a
 * coded passage), a PDF, a set of codes, and cases.
 */
const REPORT_PROJECT = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Reports" origin="Test 1.0">
  <Users><User guid="u1" name="Ann"/></Users>
  <CodeBook><Codes>
    <Code guid="c1" name="Housing" isCodable="true"/>
    <Code guid="c2" name="Housing" isCodable="true"/>
    <Code guid="c3" name="Risks::Debt" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="s1" name="Interview.txt" plainTextPath="internal://s1.txt">
      <PlainTextSelection guid="p1" name="housing office" startPosition="16" endPosition="30" creatingUser="u1">
        <Coding guid="k1" creatingUser="u1"><CodeRef targetGUID="c1"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="p2" name="empty" startPosition="5" endPosition="5" creatingUser="u1"/>
      <PlainTextSelection guid="p3" name="called" startPosition="3" endPosition="9" creatingUser="u1">
        <Coding guid="k3" creatingUser="u1"><CodeRef targetGUID="nowhere"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="s2" name="Missing.txt" plainTextPath="internal://missing.txt">
      <PlainTextSelection guid="p4" name="lost" startPosition="0" endPosition="3" creatingUser="u1"/>
    </TextSource>
    <PDFSource guid="s3" name="Report.pdf" path="internal://report.pdf"/>
  </Sources>
  <Cases><Case guid="k-a" name="Household A"><SourceRef targetGUID="s1"/></Case><Case guid="k-b" name="Household B"><SourceRef targetGUID="s1"/></Case></Cases>
  <Sets><Set guid="set1" name="Key codes"><MemberCode targetGUID="c1"/></Set></Sets>
</Project>`;

interface Report { converted: string[]; warnings: string[]; skipped: { kind: string; name: string; reason: string }[] }

/** Import and restore reports: the sentences the server writes come in the reader's language (issue 10). */
describe.each(DIALECTS)('import and restore reports in the user\'s language (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
  });
  afterEach(() => t.close());

  const importReport = async (agent: Agent): Promise<Report> => {
    const zip = await zipOf({ 'project.qde': REPORT_PROJECT, 'sources/s1.txt': TINY_TEXT });
    const res = await agent.upload('/api/projects/import', [{ name: 'reports.qdpx', content: zip }]);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().report;
  };

  it('writes the REFI-QDA import report in English by default, as before', async () => {
    const report = await importReport(owner);
    expect(report.skipped).toEqual([
      { kind: 'text source', name: 'Missing.txt', reason: 'its text file is missing from the archive (1 coded passage with it)' },
      { kind: 'PDF', name: 'Report.pdf', reason: 'the workbench holds text documents only' },
      { kind: 'sets', name: 'Key codes', reason: 'sets of codes or notes have no equivalent in the workbench yet' },
    ]);
    expect(report.converted).toEqual([
      'The code "Risks" was created as the parent of codes named "Risks::…".',
      '1 code name written with its hierarchy (like "Risks::Debt") was placed under its parent code.',
      // The emoji before the passage counts two UTF-16 units: the fixture's positions are NVivo's.
      'Positions were read as UTF-16 units (as NVivo counts), a Windows line end counted as two: with that reading 2 of 3 coded passages begin and end on word boundaries and 2 of 3 match the passage names in the file.',
      '2 cases became the document attribute "Case" (with their variables as attributes).',
    ]);
    expect(report.warnings).toEqual([
      'Two codes are named "Housing" under the top level; the second is now "Housing (2)".',
      '"Interview.txt": a passage with positions 5–5 is empty or invalid and was left out.',
      '"Interview.txt": a coding refers to a code that is not in the codebook and was left out.',
    ]);
  });

  it('writes it in Dutch for a user who chose Dutch, and in French for a French browser', async () => {
    expect((await owner.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    const nl = await importReport(owner);
    expect(nl.skipped).toEqual([
      { kind: 'tekstbron', name: 'Missing.txt', reason: 'het tekstbestand ontbreekt in het archief (1 gecodeerde passage hoort erbij)' },
      { kind: 'pdf', name: 'Report.pdf', reason: 'de workbench bevat alleen tekstdocumenten' },
      { kind: 'sets', name: 'Key codes', reason: 'sets van codes of notities hebben nog geen tegenhanger in de workbench' },
    ]);
    expect(nl.converted[0]).toBe('De code “Risks” werd aangemaakt als bovenliggende code van de codes met de naam “Risks::…”.');
    expect(nl.converted[2]).toBe('Posities werden gelezen als UTF-16-eenheden (zoals NVivo telt), een Windows-regeleinde telt als twee: zo gelezen beginnen en eindigen 2 van de 3 '
      + 'gecodeerde passages op een woordgrens en komen er 2 van de 3 overeen met de namen van de passages in het bestand.');
    expect(nl.converted[3]).toBe('2 casussen werden het documentkenmerk “Case” (met hun variabelen als kenmerken).');
    expect(nl.warnings[0]).toBe('Twee codes heten “Housing” onder het hoogste niveau; de tweede heet nu “Housing (2)”.');

    const coder = await createUser(owner, 'coder@example.org');
    const french = new Agent(t.app, { ...coder.headers, 'accept-language': 'fr-BE,fr;q=0.9' }, coder.user);
    const fr = await importReport(french);
    expect(fr.skipped.map((s) => s.kind)).toEqual(['source texte', 'PDF', 'ensembles']);
    expect(fr.skipped[0]!.reason).toBe('son fichier texte manque dans l’archive (1 passage codé s’y rapporte)');
    expect(fr.converted[1]).toBe('1 nom de code écrit avec sa hiérarchie (comme « Risks::Debt ») a été placé sous son code parent.');
    expect(fr.warnings[1]).toBe('« Interview.txt » : un passage aux positions 5–5 est vide ou invalide et a été écarté.');
  });

  it('writes the codebook (.qdc) import report in the reader\'s language', async () => {
    const projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
  <Code guid="1" name="Outcomes" isCodable="true"><Code guid="2" name=" " isCodable="true"/></Code>
  <Code guid="3" name="Costs" isCodable="true"/>
</Codes></CodeBook>`;
    const upload = (agent: Agent) => agent.upload(`/api/projects/${projectId}/codebook.qdc`, [{ name: 'c.qdc', content: qdc }]).then((r) => r.json().report);
    const english = await upload(owner);
    expect(english.warnings).toEqual(['A code without a name under "Outcomes" was left out.']);
    expect((await owner.patch('/api/auth/me', { locale: 'fr' })).statusCode).toBe(200);
    const french = await upload(owner);
    expect(french.warnings).toEqual(['Un code sans nom sous « Outcomes » a été écarté.']);
    expect(french.converted).toEqual(['3 codes figuraient déjà dans le livre de codes tels qu’ils sont dans le fichier.']);
    expect((await owner.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    expect((await upload(owner)).converted).toEqual(['3 codes stonden al in het codeboek zoals in het bestand.']);
  });

  it('writes the restore report\'s warnings in the reader\'s language', async () => {
    const coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    const rich = await buildRichProject(t.app, owner, coder);
    const bytes = (await owner.get(`/api/projects/${rich.projectId}/backup`)).rawPayload;
    // A backup from a later version: its memos carry a column this version does not know.
    const entries = [...(await readZipEntries(bytes))];
    const manifest = JSON.parse(entries.find(([n]) => n === 'manifest.json')![1].toString());
    const memos = entries.find(([n]) => n === 'tables/memos.jsonl')![1].toString().replace(/\{"id"/g, '{"mood":"calm","id"');
    const files = { ...manifest.files, 'tables/memos.jsonl': createHash('sha256').update(memos).digest('hex') };
    const zip = await writeZip([['manifest.json', JSON.stringify({ ...manifest, files })],
      ...entries.filter(([n]) => n !== 'manifest.json' && n !== 'tables/memos.jsonl'), ['tables/memos.jsonl', memos]]);
    const restore = (agent: Agent) => agent.upload('/api/projects/restore', [{ name: 'p.socprev-backup.zip', content: zip, type: 'application/zip' }]);
    const english = await restore(owner);
    expect(english.statusCode, english.body).toBe(201);
    expect(english.json().warnings).toEqual(['The column memos.mood is not known to this version and was left out.']);
    expect((await owner.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    expect((await restore(owner)).json().warnings).toEqual(['De kolom memos.mood is onbekend in deze versie en werd weggelaten.']);
    const french = new Agent(t.app, { ...coder.headers, 'accept-language': 'fr' }, coder.user);
    expect((await restore(french)).json().warnings).toEqual(['La colonne memos.mood est inconnue de cette version et a été écartée.']);
  });
});
