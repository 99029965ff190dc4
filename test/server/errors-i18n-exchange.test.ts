import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT } from '../../server/features/exchange/backup-format';
import { tinyProject } from '../exchange/refi-fixtures';
import { type Agent, inLanguage, setupOwner } from '../helpers/agent';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeZip } from '../import/zip-fixture';

const manifest = (fields: Record<string, unknown>) =>
  JSON.stringify({ format: BACKUP_FORMAT, formatVersion: 1, appVersion: '1.0.0', files: {}, counts: {}, project: { name: 'P' }, ...fields });

/** Errors of REFI-QDA import/export, backups and restores come in the user's language (issue 10). */
describe('exchange errors in the user\'s language', () => {
  let t: TestApp;
  let owner: Agent;
  let dutch: Agent;
  let french: Agent;
  let projectId: string;

  beforeEach(async () => {
    t = await createTestApp('sqlite');
    owner = await setupOwner(t.app);
    dutch = inLanguage(owner, 'nl-BE,nl;q=0.9');
    french = inLanguage(owner, 'fr');
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
  });
  afterEach(() => t.close());

  const restore = (agent: Agent, content: Buffer | string) => agent.upload('/api/projects/restore', [{ name: 'backup.zip', content }]);

  it('refuses a file that is no backup, a damaged one and one too new, in Dutch or French', async () => {
    expect((await restore(french, 'just text')).json().error).toEqual({
      code: 'NOT_A_BACKUP',
      message: 'Ce fichier n’est pas une sauvegarde du workbench (ce n’est pas une archive zip). Choisissez un fichier créé avec « Télécharger une sauvegarde ».',
    });
    const missing = makeZip({ 'manifest.json': manifest({ files: { 'tables/codes.jsonl': 'abc' } }) });
    expect((await restore(dutch, missing)).json().error).toEqual({
      code: 'BACKUP_CORRUPT',
      message: 'Dit back-upbestand is beschadigd en kan niet teruggezet worden („tables/codes.jsonl” ontbreekt). Download een nieuwe back-up van het oorspronkelijke project.',
    });
    const tooNew = makeZip({ 'manifest.json': manifest({ formatVersion: 99, appVersion: '9.0.0' }) });
    expect((await restore(french, tooNew)).json().error.message).toMatch(/^Cette sauvegarde a été créée par une version plus récente du workbench \(9\.0\.0, format de sauvegarde 99\) ; ce serveur lit le format \d+\./);
    // English stays as it was.
    expect((await restore(owner, 'just text')).json().error.message)
      .toBe('This file is not a workbench backup (it is not a zip archive). Choose a file made with "Download a backup".');
  });

  it('refuses REFI-QDA files and an empty codebook export in Dutch or French', async () => {
    const unsafe = await dutch.upload('/api/projects/import', [{ name: 'x.qde', content: tinyProject({ doctype: '<!DOCTYPE x [<!ENTITY a "b">]>' }) }]);
    expect(unsafe.json().error).toEqual({
      code: 'XML_UNSAFE',
      message: 'Dit projectbestand declareert een DOCTYPE of entiteiten, die REFI-QDA-bestanden nooit nodig hebben; het werd uit veiligheid geweigerd.',
    });
    const broken = await french.upload('/api/projects/import', [{ name: 'x.qde', content: '<Project><Sources></Project>' }]);
    expect(broken.json().error.code).toBe('XML_INVALID');
    expect(broken.json().error.message).toMatch(/^Ce fichier de projet n’est pas un XML bien formé \(ligne 1 : .+\)\.$/);
    const notXml = await french.upload(`/api/projects/${projectId}/codebook.qdc`, [{ name: 'x.qdc', content: 'not a codebook' }]);
    expect(notXml.json().error).toEqual({
      code: 'NOT_REFI',
      message: 'Ce fichier n’est pas un livre de codes REFI-QDA (.qdc). Exportez le livre de codes depuis l’autre logiciel comme livre de codes REFI-QDA.',
    });
    expect((await dutch.upload('/api/projects/import', [{ name: 'x.qdpx', content: '' }])).json().error)
      .toEqual({ code: 'EMPTY_FILE', message: 'Dit bestand is leeg.' });
    expect((await french.get(`/api/projects/${projectId}/codebook.qdc`)).json().error)
      .toEqual({ code: 'EMPTY_CODEBOOK', message: 'Ce projet n’a pas encore de codes : il n’y a donc pas de livre de codes à exporter.' });
  });
});
