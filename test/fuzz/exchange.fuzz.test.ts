/**
 * Hostile REFI-QDA files (.qdpx, .qde, .qdc) and workbench backups through the real routes,
 * starting from files this server exported itself and from a tiny hand-written project:
 * byte mutations, XML token mutations, random archives. Never a 5xx, never a hang; a refused
 * import creates no project.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyProject, TINY_TEXT, zipOf } from '../exchange/refi-fixtures';
import { DIALECTS } from '../helpers/test-app';
import { expectHandled, fuzzApp, fuzzParams, hostileText, mutatedBytes, type FuzzApp } from './fuzz-helpers';

const XML_TOKENS = ['<', '>', '/>', '</Project>', '"', '&', '&amp;', '&#0;', '&#xD800;', '&lt;', '&ext;', '<!DOCTYPE p [<!ENTITY ext SYSTEM "file:///etc/passwd">]>', '<!ENTITY a "aaaa">', '<![CDATA[', ']]>', '<?xml version="1.1"?>',
  'startPosition="-1"', 'endPosition="99999999999"', 'startPosition="1e3"', 'guid="s1"', 'guid="c1"', 'targetGUID="nope"', 'plainTextPath="internal://../../etc/passwd"', 'plainTextPath="file:///etc/passwd"', 'plainTextPath="http://127.0.0.1:9/x"',
  '<Code guid="c1" name="Loop" isCodable="true"><Code guid="c1" name="Again" isCodable="true"/></Code>', '<Codes>', '</Codes>', '<TextSource guid="s2" name="x" plainTextPath="internal://s1.txt"/>', '<PlainTextContent>inline</PlainTextContent>', '<Variables><Variable guid="v" name="Age" typeOfVariable="Integer"/></Variables>', '<Cases><Case guid="k"><VariableValue><VariableRef targetGUID="v"/><IntegerValue>x</IntegerValue></VariableValue></Case></Cases>', 'xmlns="urn:QDA-XML:codebook:1.0"', '\u0000', '😀'];

/** Replaces, inserts or deletes XML-ish tokens in a valid document. */
function mutatedXml(xml: string): fc.Arbitrary<string> {
  const op = fc.record({ at: fc.nat(xml.length), cut: fc.nat(40), insert: fc.oneof(fc.constantFrom(...XML_TOKENS), hostileText) });
  return fc.array(op, { minLength: 1, maxLength: 6 }).map((ops) => {
    let s = xml;
    for (const { at, cut, insert } of ops) {
      const i = Math.min(at, s.length);
      s = s.slice(0, i) + insert + s.slice(i + cut);
    }
    return s;
  });
}

describe.each(DIALECTS)('fuzz: REFI-QDA and backup import (%s)', (dialect) => {
  let f: FuzzApp;
  let qdpx: Buffer;
  let qdc: Buffer;
  let backup: Buffer;
  let qde: string;
  const projectCount = async () => (await f.owner.get('/api/projects')).json().projects.length as number;

  beforeAll(async () => {
    f = await fuzzApp(dialect);
    const p = f.projectId;
    const doc = (await f.owner.upload(`/api/projects/${p}/documents`, [{ name: 'i.txt', content: 'Interviewer: Where do you live?\n\nRespondent: Near the 😀 station, since 2019.' }])).json().documents[0].id;
    const code = (await f.owner.post(`/api/projects/${p}/codes`, { name: 'Housing' })).json().id;
    const text = (await f.owner.get(`/api/documents/${doc}`)).json().text as string;
    const start = text.indexOf('Near');
    expect((await f.owner.post(`/api/documents/${doc}/segments`, { start, end: start + 16, exact: text.slice(start, start + 16), codeIds: [code] })).statusCode).toBe(201);
    qdpx = (await f.owner.get(`/api/projects/${p}/export.qdpx`)).rawPayload;
    qdc = (await f.owner.get(`/api/projects/${p}/codebook.qdc`)).rawPayload;
    backup = (await f.owner.get(`/api/projects/${p}/backup`)).rawPayload;
    qde = tinyProject();
  });
  afterAll(() => f.t.close());

  const post = (url: string, name: string, content: Buffer | string) => expectHandled(`${url} ${name}`, () => f.owner.upload(url, [{ name, content }]));

  it('the unmutated exports import (the mutations start from valid files)', async () => {
    expect((await post('/api/projects/import', 'p.qdpx', qdpx)).statusCode).toBe(201);
    expect((await post('/api/projects/import', 'p.qdpx', await zipOf({ 'project.qde': qde, 'Sources/s1.txt': TINY_TEXT }))).statusCode).toBe(201);
    expect((await post(`/api/projects/${f.projectId}/codebook.qdc`, 'c.qdc', qdc)).statusCode).toBe(200);
    expect((await post('/api/projects/restore', 'b.zip', backup)).statusCode).toBe(201);
  });

  it('found by fuzzing: an unclosed processing instruction is 400 XML_INVALID, not a crash', async () => {
    const broken = qde.replace('<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="utf-8"');
    const project = await post('/api/projects/import', 'p.qde', broken);
    expect([project.statusCode, project.json().error.code]).toEqual([400, 'XML_INVALID']);
    const codebook = await post(`/api/projects/${f.projectId}/codebook.qdc`, 'c.qdc', qdc.toString('utf8').replace('?>', ''));
    expect([codebook.statusCode, codebook.json().error.code]).toEqual([400, 'XML_INVALID']);
  });

  it('mutated .qdpx bytes; a refused import creates no project', async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(qdpx), async (bytes) => {
      const before = await projectCount();
      const res = await post('/api/projects/import', 'p.qdpx', bytes);
      expect(await projectCount()).toBe(res.statusCode === 201 ? before + 1 : before);
    }), fuzzParams(30));
  });

  it('mutated .qde XML, bare and inside a .qdpx', async () => {
    await fc.assert(fc.asyncProperty(mutatedXml(qde), fc.boolean(), async (xml, zipped) => {
      const before = await projectCount();
      const res = zipped
        ? await post('/api/projects/import', 'p.qdpx', await zipOf({ 'project.qde': xml, 'Sources/s1.txt': TINY_TEXT }))
        : await post('/api/projects/import', 'p.qde', xml);
      expect(await projectCount()).toBe(res.statusCode === 201 ? before + 1 : before);
    }), fuzzParams(40));
  });

  it('random archives posing as .qdpx', async () => {
    const entry = fc.tuple(fc.constantFrom('project.qde', 'x/y.qde', 'Sources/s1.txt', 'sources/S1.TXT', '../escape.txt', '/abs.qde', 'C:/win.qde', 'Sources/', 'a\\b.qde'), fc.oneof(hostileText, fc.constant(qde)));
    await fc.assert(fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 5 }), fc.boolean(), async (entries, compress) => {
      let bytes: Buffer;
      try {
        bytes = await zipOf(Object.fromEntries(entries), compress);
      } catch {
        return; // yazl refuses some names itself
      }
      await post('/api/projects/import', 'p.qdpx', bytes);
    }), fuzzParams(30));
  });

  it('mutated .qdc codebooks', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(mutatedXml(qdc.toString('utf8')).map((s) => Buffer.from(s)), mutatedBytes(qdc)), async (bytes) => {
      await post(`/api/projects/${f.projectId}/codebook.qdc`, 'c.qdc', bytes);
    }), fuzzParams(40));
  });

  it('mutated backups; a refused restore creates no project', async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(backup), async (bytes) => {
      const before = await projectCount();
      const res = await post('/api/projects/restore', 'b.zip', bytes);
      expect(await projectCount()).toBe(res.statusCode === 201 ? before + 1 : before);
    }), fuzzParams(30));
  });
});
