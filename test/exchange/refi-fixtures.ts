import yazl from 'yazl';

/** Zips entries in memory (test fixtures). */
export function zipOf(entries: Record<string, Buffer | string>, compress = true): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name, { compress });
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** Renames an entry in a built zip (same length), to make names yazl itself refuses. */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('same length only');
  return Buffer.from(zip.toString('latin1').split(from).join(to), 'latin1');
}

/** A small REFI-QDA project with one text source and one coded passage. */
export function tinyProject(options: { plainTextPath?: string; doctype?: string; start?: number; end?: number } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>${options.doctype ?? ''}
<Project xmlns="urn:QDA-XML:project:1.0" name="Tiny" origin="Test 1.0">
  <Users><User guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="Ann"/><User guid="aaaaaaaa-0000-0000-0000-000000000002" name="Bob"/></Users>
  <CodeBook><Codes><Code guid="c1" name="Housing" isCodable="true" color="#F00"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="s1" name="Interview.txt" plainTextPath="${options.plainTextPath ?? 'internal://s1.txt'}">
      <PlainTextSelection guid="p1" name="housing office" startPosition="${options.start ?? 16}" endPosition="${options.end ?? 30}" creatingUser="AAAAAAAA-0000-0000-0000-000000000001">
        <Coding guid="k1" creatingUser="aaaaaaaa-0000-0000-0000-000000000002"><CodeRef targetGUID="C1"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
}

export const TINY_TEXT = 'We called the 😀housing office twice.\r\nNobody answered.';
