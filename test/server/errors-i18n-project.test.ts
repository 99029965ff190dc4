import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, createUser, inLanguage, setupOwner } from '../helpers/agent';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** Errors of projects, users, codes, attributes, memos, queries, history and analysis come in the user's language (issue 10). */
describe('project, codebook, attribute, memo, query and history errors in the user\'s language', () => {
  let t: TestApp;
  let owner: Agent;
  let dutch: Agent;
  let french: Agent;
  let projectId: string;
  const api = (path: string) => `/api/projects/${projectId}${path}`;

  beforeEach(async () => {
    t = await createTestApp('sqlite');
    owner = await setupOwner(t.app);
    dutch = inLanguage(owner, 'nl-BE,nl;q=0.9');
    french = inLanguage(owner, 'fr');
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
  });
  afterEach(() => t.close());

  it('refuses members, owners and accounts in Dutch or French', async () => {
    expect((await dutch.post('/api/users', { email: owner.user.email, name: 'Twin', password: 'another long password 42' })).json().error)
      .toEqual({ code: 'EMAIL_TAKEN', message: 'Er bestaat al een account met het e-mailadres owner@example.org.' });
    expect((await french.delete(api(`/members/${owner.user.id}`))).json().error).toEqual({
      code: 'LAST_OWNER', message: 'Un projet doit avoir au moins un propriétaire. Désignez d’abord quelqu’un d’autre comme propriétaire.',
    });
    expect((await french.post(api('/members'), { userId: owner.user.id, role: 'coder' })).json().error.message).toBe('Olivia Owner est déjà membre de ce projet.');
  });

  it('refuses codebook changes and attribute values in Dutch or French, and in English as before', async () => {
    const outcomes = (await owner.post(api('/codes'), { name: 'Outcomes' })).json();
    const relapse = (await owner.post(api('/codes'), { name: 'Relapse', parentId: outcomes.id })).json();
    expect((await dutch.post(api('/codes'), { name: 'outcomes' })).json().error)
      .toEqual({ code: 'CODE_NAME_TAKEN', message: 'Er is al een code met de naam „Outcomes” op dit niveau van het codeboek.' });
    expect((await owner.post(api('/codes'), { name: 'outcomes' })).json().error.message).toBe('There is already a code named "Outcomes" at this level of the codebook.');
    expect((await french.post(api(`/codes/${outcomes.id}/move`), { parentId: relapse.id })).json().error)
      .toEqual({ code: 'CODE_CYCLE', message: 'Un code ne peut pas être déplacé dans lui-même ni dans un de ses sous-codes.' });

    expect((await french.post(api('/attributes'), { name: 'Language', type: 'text' })).json().error.message).toBe('« Language » est un attribut intégré de chaque document.');
    const sector = (await owner.post(api('/attributes'), { name: 'Sector', type: 'choice', choices: ['police', 'social work'] })).json();
    const documentId = (await owner.upload(api('/documents'), [{ name: 'a.txt', content: 'Interviewer: Why?\n\nRespondent: Because.' }])).json().documents[0].id;
    const army = (agent: Agent) => agent.patch(`/api/documents/${documentId}`, { attributes: { [sector.id]: 'army' } });
    expect((await army(french)).json().error).toEqual({ code: 'INVALID_ATTRIBUTE_VALUE', message: 'Sector : « army » ne fait pas partie des choix possibles (police, social work).' });
    expect((await army(dutch)).json().error.message).toBe('Sector: „army” hoort niet bij de keuzemogelijkheden (police, social work).');
    expect((await army(owner)).json().error.message).toBe('Sector: "army" is not one of the choices (police, social work).');
  });

  it('explains query errors in Dutch or French, with the position in the details', async () => {
    for (const path of [['Outcomes'], ['Risks']]) {
      const parent = (await owner.post(api('/codes'), { name: path[0] })).json();
      await owner.post(api('/codes'), { name: 'Relapse', parentId: parent.id });
    }
    const run = (agent: Agent, expression: string) => agent.post(api('/queries/run'), { expression });
    expect((await run(dutch, '[Outcomes] AND')).json().error).toEqual({
      code: 'QUERY_SYNTAX', message: 'Code tussen [haakjes] verwacht, maar de query houdt op bij positie 14', details: { position: 14 },
    });
    expect((await run(french, '[Relapse]')).json().error).toEqual({
      code: 'AMBIGUOUS_CODE',
      message: '« Relapse » (position 0) désigne 2 codes : Outcomes > Relapse; Risks > Relapse. Écrivez son chemin, par exemple [Outcomes > Relapse].',
      details: { position: 0, candidates: ['Outcomes > Relapse', 'Risks > Relapse'] },
    });
    expect((await run(owner, '[Shelter]')).json().error.message).toBe('There is no code "Shelter" in this project (position 0).');
    await owner.post(api('/queries'), { name: 'Relapse', expression: '[Outcomes > Relapse]' });
    expect((await dutch.post(api('/queries'), { name: 'Relapse', expression: '[Risks]' })).json().error.message)
      .toBe('Er is al een bewaarde query met de naam „Relapse”.');
  });

  it('refuses memos, undo and agreement in Dutch or French', async () => {
    expect((await french.post(api('/memos'), { targetType: 'code', body: 'Idée' })).json().error)
      .toEqual({ code: 'INVALID_TARGET', message: 'Un mémo sur un code a besoin de l’identifiant de ce code.' });
    expect((await dutch.post(api('/memos'), { targetType: 'project', body: '   ' })).json().error.message).toBe('Schrijf eerst iets in de memo.');
    const coder = await createUser(owner, 'coder@example.org');
    await owner.post(api('/members'), { userId: coder.user.id, role: 'coder' });
    expect((await coder.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    expect((await coder.post(api('/undo'))).json().error)
      .toEqual({ code: 'NOTHING_TO_UNDO', message: 'U hebt in dit project niets om ongedaan te maken.' });
    expect((await french.get(api('/analysis/agreement'))).json().error)
      .toEqual({ code: 'TOO_FEW_CODERS', message: 'L’accord demande au moins deux codeurs ayant codé dans ce projet.' });
  });
});
