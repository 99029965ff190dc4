import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, inLanguage, setupOwner } from '../helpers/agent';
import { createTestApp, type TestApp } from '../helpers/test-app';

const EMPTY = { name: 'empty.txt', content: '' };
const BINARY = { name: 'audio.txt', content: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)) };
const DAMAGED_DOCX = { name: 'interview.docx', content: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]) };
const PDF = { name: 'interview.pdf', content: '%PDF-1.7\n1 0 obj' };
const PDF_AS_TEXT = { name: 'interview.txt', content: '%PDF-1.7\n1 0 obj' };
const BAD_VTT = { name: 'zoom.vtt', content: 'WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nHello.\n' };

/** Why a transcript file cannot be read comes in the user's language (issue 10). */
describe('transcript import errors in the user\'s language', () => {
  let t: TestApp;
  let dutch: Agent;
  let french: Agent;
  let uploads: string;

  beforeEach(async () => {
    t = await createTestApp('sqlite');
    const owner = await setupOwner(t.app);
    dutch = inLanguage(owner, 'nl-BE,nl;q=0.9');
    french = inLanguage(owner, 'fr');
    uploads = `/api/projects/${(await owner.post('/api/projects', { name: 'P' })).json().id}/documents`;
  });
  afterEach(() => t.close());

  it('lists the reasons of several unreadable files in Dutch', async () => {
    const res = await dutch.upload(uploads, [EMPTY, BINARY, DAMAGED_DOCX, PDF, PDF_AS_TEXT, BAD_VTT]);
    expect(res.statusCode).toBe(200);
    expect(res.json().failed).toEqual([
      { fileName: 'empty.txt', error: { code: 'EMPTY_FILE', message: 'Dit bestand is leeg.' } },
      { fileName: 'audio.txt', error: { code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/^Dit bestand bevat geen platte tekst; het lijkt een binair bestand/u) } },
      { fileName: 'interview.docx', error: { code: 'CORRUPT_FILE', message: 'Dit Word-document is beschadigd en kon niet gelezen worden. Open het in Word en sla het opnieuw op.' } },
      { fileName: 'interview.pdf', error: { code: 'UNSUPPORTED_FILE', message: '.pdf-bestanden kunnen niet geïmporteerd worden. Exporteer het transcript in plaats daarvan als .docx of .txt uit het programma waarin het gemaakt werd. Toegelaten bestandstypes: Word (.docx), platte tekst (.txt), Markdown (.md) en ondertitels (.vtt, .srt).' } },
      { fileName: 'interview.txt', error: { code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/^Dit bestand heeft de extensie \.txt, maar het lijkt op een pdf-document, niet op een tekstbestand\. Toegelaten/u) } },
      { fileName: 'zoom.vtt', error: { code: 'CORRUPT_FILE', message: 'Regel 3 van dit ondertitelbestand heeft een ongeldige tijd („00:00:01.000 --> 00:00:0x.000”); verwacht werd iets als 00:01:02.500 --> 00:01:04.000.' } },
    ]);
  });

  it('answers a single unreadable file with a 4xx in French', async () => {
    const answer = async (file: { name: string; content: string | Buffer }) => {
      const res = await french.upload(uploads, [file]);
      return { status: res.statusCode, ...res.json().error };
    };
    expect(await answer(EMPTY)).toMatchObject({ status: 422, code: 'EMPTY_FILE', message: 'Ce fichier est vide.' });
    expect(await answer(BINARY)).toMatchObject({ status: 415, code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/^Ce fichier ne contient pas de texte brut ; il ressemble à un fichier binaire/u) });
    expect(await answer(DAMAGED_DOCX)).toMatchObject({ status: 422, code: 'CORRUPT_FILE', message: 'Ce document Word est endommagé et n’a pas pu être lu. Ouvrez-le dans Word et enregistrez-le à nouveau.' });
    expect(await answer(PDF)).toMatchObject({
      status: 415, code: 'UNSUPPORTED_FILE',
      message: 'Les fichiers .pdf ne peuvent pas être importés. Exportez plutôt la transcription au format .docx ou .txt depuis le programme où elle a été créée. Types acceptés : Word (.docx), texte brut (.txt), Markdown (.md) et sous-titres (.vtt, .srt).',
    });
    expect((await answer(PDF_AS_TEXT)).message).toMatch(/^Ce fichier porte l’extension \.txt, mais il ressemble à un document PDF, pas à un fichier texte\./u);
    expect(await answer(BAD_VTT)).toMatchObject({
      status: 422, code: 'CORRUPT_FILE',
      message: 'La ligne 3 de ce fichier de sous-titres contient un horodatage mal formé (« 00:00:01.000 --> 00:00:0x.000 ») ; il faudrait quelque chose comme 00:01:02.500 --> 00:01:04.000.',
    });
  });
});
