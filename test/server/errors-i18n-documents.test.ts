import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, inLanguage, setupOwner } from '../helpers/agent';
import { createTestApp, type TestApp } from '../helpers/test-app';

const INTERVIEW = `Interviewer: Who helped you?

Respondent: Jan Peeters from the OCMW helped me. Later Jan called again.`;

/** Errors of documents, coding, pseudonyms and consent come in the user's language (issue 10). */
describe('document, coding, pseudonym and consent errors in the user\'s language', () => {
  let t: TestApp;
  let owner: Agent;
  let dutch: Agent;
  let french: Agent;
  let projectId: string;
  let documentId: string;
  const uploads = () => `/api/projects/${projectId}/documents`;

  beforeEach(async () => {
    t = await createTestApp('sqlite', { MAX_UPLOAD_MB: '1' });
    owner = await setupOwner(t.app);
    dutch = inLanguage(owner, 'nl-BE,nl;q=0.9');
    french = inLanguage(owner, 'fr');
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    documentId = (await owner.upload(uploads(), [{ name: 'interview.txt', content: INTERVIEW }])).json().documents[0].id;
  });
  afterEach(() => t.close());

  it('reports upload failures, one file or several, in Dutch or French', async () => {
    const big = { name: 'big.txt', content: 'Interviewer: a question?\n\n' + 'word '.repeat(300_000) };
    expect((await french.upload(uploads(), [big])).json().error).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'Ce fichier dépasse la limite de 1 Mo.' });
    const batch = (await dutch.upload(uploads(), [big, { name: 'other.txt', content: `${INTERVIEW}\n\nInterviewer: Thank you.` }])).json();
    expect(batch.documents).toHaveLength(1);
    expect(batch.failed).toEqual([{ fileName: 'big.txt', error: { code: 'FILE_TOO_LARGE', message: 'Dit bestand is groter dan de limiet van 1 MB.' } }]);
    expect((await dutch.upload(uploads(), [{ name: 'copy.txt', content: INTERVIEW }])).json().error)
      .toMatchObject({ code: 'DUPLICATE_FILE', message: 'Dit bestand werd al geïmporteerd als „interview”.' });
    expect((await french.upload(uploads(), [])).json().error).toEqual({ code: 'NO_FILES', message: 'Choisissez au moins un fichier à importer.' });
    // English stays as it was.
    expect((await owner.upload(uploads(), [{ name: 'copy.txt', content: INTERVIEW }])).json().error.message).toBe('This file was already imported as "interview".');
  });

  it('refuses corrections, codings, key-list entries and consent in the user\'s language', async () => {
    const doc = (await owner.get(`/api/documents/${documentId}`)).json();
    const same = await french.post(`/api/documents/${documentId}/revisions`, { text: doc.text, baseRevisionId: doc.revision.id });
    expect(same.json().error).toEqual({ code: 'NO_CHANGE', message: 'Le texte est identique au texte actuel.' });

    const code = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Help' })).json();
    const start = doc.text.indexOf('Jan Peeters');
    const moved = await dutch.post(`/api/documents/${documentId}/segments`, { start, end: start + 11, exact: 'Jan Pieters', codeIds: [code.id] });
    expect(moved.json().error).toMatchObject({
      code: 'QUOTE_MISMATCH', message: 'Het transcript is gewijzigd sinds u deze passage selecteerde. Herlaad het document en selecteer ze opnieuw.',
      details: { actual: 'Jan Peeters' },
    });
    const later = doc.text.indexOf('Later Jan called again.');
    expect((await owner.post(`/api/documents/${documentId}/segments`, { start: later, end: later + 23, exact: 'Later Jan called again.', codeIds: [code.id] })).statusCode).toBe(201);
    const corrected = await french.post(`/api/documents/${documentId}/revisions`, { text: doc.text.replace('Later Jan called again.', 'That was all.'), baseRevisionId: doc.revision.id });
    expect(corrected.json().orphaned).toEqual([expect.objectContaining({ reason: 'Le passage a été supprimé ou réécrit dans la transcription corrigée.' })]);
    const outside = await french.post(`/api/documents/${documentId}/segments`, { start: doc.text.length - 2, end: doc.text.length + 5, exact: 'x', codeIds: [code.id] });
    expect(outside.json().error).toEqual({ code: 'OUT_OF_RANGE', message: 'Le passage se trouve en dehors de la transcription.' });

    const keyList = `/api/projects/${projectId}/pseudonyms`;
    expect((await owner.post(keyList, { original: 'Jan Peeters', pseudonym: 'Piet Claes', kind: 'person' })).statusCode).toBe(201);
    expect((await french.post(keyList, { original: 'jan peeters', pseudonym: 'X', kind: 'person' })).json().error).toEqual({
      code: 'NAME_IN_KEY_LIST', message: '« Jan Peeters » figure déjà dans la table de correspondance (sous le pseudonyme « Piet Claes »).',
    });
    const stale = await dutch.post(`${keyList}/apply`, { documentIds: [documentId], baseRevisionIds: { [documentId]: 'an-older-revision' } });
    expect(stale.json().error).toEqual({
      code: 'REVISION_CONFLICT', message: 'Intussen heeft iemand „interview” verbeterd. Bekijk de vervangingen opnieuw en pas dan toe.',
    });

    const badDate = await dutch.request('PUT', `/api/documents/${documentId}/consent`, { status: 'given', date: '2026-02-30' });
    expect(badDate.json().error).toEqual({
      code: 'INVALID_CONSENT_DATE', message: 'Geef de datum van toestemming als een echte dag, JJJJ-MM-DD (bijvoorbeeld 2026-03-01).',
    });
    expect((await french.post(`/api/projects/${projectId}/consent/delete-withdrawn`)).json().error).toEqual({
      code: 'NOTHING_TO_DELETE', message: 'Aucun participant de ce projet n’a retiré son consentement : il n’y a donc rien à supprimer.',
    });
  });
});
