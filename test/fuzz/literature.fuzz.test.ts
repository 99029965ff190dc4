/**
 * Hostile BibTeX and RIS files through the real import route: mutated valid files, random
 * entry soup and plain noise. Never a 5xx, never a hang; a refused import adds no source.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app';
import { expectHandled, fuzzApp, fuzzParams, hostileText, type FuzzApp } from './fuzz-helpers';

const BIB = `@article{vandijk2020,
  author = {Van Dijk, Anna and Dupont, Marc},
  title = {Drug markets and \\emph{systemic} crime},
  journal = {Fictional Journal of Criminology},
  year = {2020},
  doi = {10.1234/fict.2020.1}
}
@book{lambert2018, author = {Lambert, Sofie}, title = {Prevention that pays}, publisher = {Fictional Press}, year = 2018}
`;
const RIS = `TY  - JOUR
AU  - Peeters, Jan
TI  - Outcome evaluations of social prevention
JO  - Fictional Review
PY  - 2019
DO  - 10.5555/fict.2019.7
ER  - 
`;
const TOKENS = ['@', '{', '}', '(', ')', '"', ',', '=', '#', '\\', '%', '@string{a = "x"}', '@string{a = a # a}', '@comment{', '@preamble{"\\x"}', '\\emph{', '$^{', '{{{{{{{{', '}}}}}}}}', 'author = {and and and}', 'year = {-99999999999}', 'year = {2020/2021}', 'doi = {https://doi.org/}', 'crossref = {vandijk2020}', 'TY  - ', 'ER  - ', 'PY  - 9999/99/99', 'AU  - ,', 'DO  - ', 'Y1  - ///', '\n', '\r', '\u0000', '😀'];

function mutated(text: string): fc.Arbitrary<string> {
  const op = fc.record({ at: fc.nat(text.length), cut: fc.nat(30), insert: fc.oneof(fc.constantFrom(...TOKENS), hostileText) });
  return fc.array(op, { minLength: 1, maxLength: 8 }).map((ops) => ops.reduce((s, { at, cut, insert }) => s.slice(0, Math.min(at, s.length)) + insert + s.slice(Math.min(at, s.length) + cut), text));
}

describe.each(DIALECTS)('fuzz: BibTeX/RIS import (%s)', (dialect) => {
  let f: FuzzApp;
  beforeAll(async () => {
    f = await fuzzApp(dialect);
  });
  afterAll(() => f.t.close());

  const sources = async () => (await f.owner.get(`/api/projects/${f.projectId}/literature/sources`)).json().sources.length as number;
  async function send(name: string, text: string) {
    const before = await sources();
    const res = await expectHandled(`import ${name}`, () => f.owner.upload(`/api/projects/${f.projectId}/literature/sources/import`, [{ name, content: text }], { focus: 'other' }));
    if (res.statusCode >= 400) expect(await sources()).toBe(before);
    return res;
  }

  it('the unmutated files import', async () => {
    expect((await send('refs.bib', BIB)).statusCode).toBe(200);
    expect((await send('refs.ris', RIS)).statusCode).toBe(200);
  });

  it('mutated BibTeX', async () => {
    await fc.assert(fc.asyncProperty(mutated(BIB), fc.constantFrom('r.bib', 'r.txt', 'r'), async (text, name) => { await send(name, text); }), fuzzParams(40));
  });

  it('mutated RIS', async () => {
    await fc.assert(fc.asyncProperty(mutated(RIS), fc.constantFrom('r.ris', 'r.txt'), async (text, name) => { await send(name, text); }), fuzzParams(40));
  });

  it('token soup and noise', async () => {
    const soup = fc.array(fc.oneof(fc.constantFrom(...TOKENS), hostileText), { maxLength: 60 }).map((parts) => parts.join(''));
    await fc.assert(fc.asyncProperty(soup, fc.constantFrom('r.bib', 'r.ris', 'r.txt'), async (text, name) => { await send(name, text); }), fuzzParams(40));
  });

  it('deeply nested braces and a long @string chain finish quickly', async () => {
    await send('deep.bib', `@article{k, title = {${'{'.repeat(50_000)}x${'}'.repeat(50_000)}}}`);
    const strings = Array.from({ length: 30 }, (_, i) => `@string{s${i + 1} = s${i} # s${i}}`).join('\n');
    await send('strings.bib', `@string{s0 = "ab"}\n${strings}\n@article{k, title = s30, year = 2020}`);
  });
});
