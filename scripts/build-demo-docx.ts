/**
 * Builds the .docx demo transcripts from their plain-text sources.
 *
 *   npx tsx scripts/build-demo-docx.ts
 *
 * Input:  fixtures/demo/docx-src/<name>.txt (UTF-8)
 * Output: fixtures/demo/transcripts/<name>.docx
 *
 * Source format (one Word paragraph per block of text; blocks are separated by a blank line,
 * line breaks inside a block become spaces):
 *   - `# Title`                 → the title paragraph (Word "Heading 1"; mammoth maps it to <h1>); only the first block.
 *   - `**Speaker:** text`       → a paragraph whose speaker label is a bold run, followed by the
 *                                 text in a normal run. French labels (`**Répondante :**`) work too.
 *   - any other block           → a plain paragraph (a speaker continuing, or a note). Blocks
 *                                 before the first speaker label are set in italics (the
 *                                 "fictional demo data" note).
 *
 * The run language (en-GB, nl-BE, fr-BE) is taken from the file-name prefix (en-, nl-, fr-).
 * All demo data is fictional; see fixtures/demo/README.md.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'fixtures', 'demo', 'docx-src');
const outDir = path.join(root, 'fixtures', 'demo', 'transcripts');

const LANGUAGES: Record<string, string> = { en: 'en-GB', nl: 'nl-BE', fr: 'fr-BE' };
const LABEL = /^\*\*([^*\n]{1,60}?\s?:)\*\*\s*/;

interface Block {
  kind: 'title' | 'turn' | 'plain';
  label?: string;
  text: string;
}

function parseSource(source: string, fileName: string): Block[] {
  const blocks = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => b.split('\n').map((l) => l.trim()).join(' ').trim())
    .filter((b) => b.length > 0);
  return blocks.map((b, i): Block => {
    if (b.startsWith('# ')) {
      if (i !== 0) throw new Error(`${fileName}: a "# title" is only allowed as the first block`);
      return { kind: 'title', text: b.slice(2).trim() };
    }
    const m = LABEL.exec(b);
    if (m) return { kind: 'turn', label: m[1], text: b.slice(m[0].length) };
    if (b.includes('**')) throw new Error(`${fileName}: stray "**" in block ${i + 1}: ${b.slice(0, 60)}`);
    return { kind: 'plain', text: b };
  });
}

function toParagraphs(blocks: Block[], language: string): Paragraph[] {
  const lang = { value: language };
  let seenTurn = false;
  return blocks.map((b) => {
    switch (b.kind) {
      case 'title':
        return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: b.text, language: lang })] });
      case 'turn':
        seenTurn = true;
        return new Paragraph({
          spacing: { after: 160 },
          children: [
            new TextRun({ text: b.label ?? '', bold: true, language: lang }),
            new TextRun({ text: ` ${b.text}`, language: lang }),
          ],
        });
      case 'plain':
        return new Paragraph({
          spacing: { after: 160 },
          children: [new TextRun({ text: b.text, italics: !seenTurn, language: lang })],
        });
    }
  });
}

async function build(fileName: string): Promise<string> {
  const name = fileName.replace(/\.txt$/, '');
  const source = await readFile(path.join(srcDir, fileName), 'utf8');
  const blocks = parseSource(source, fileName);
  const title = blocks.find((b) => b.kind === 'title')?.text ?? name;
  const language = LANGUAGES[name.slice(0, 2)] ?? 'en-GB';
  const doc = new Document({
    title,
    creator: 'SOCPREV Workbench demo data (fictional)',
    description: 'Fictional demo transcript written for SOCPREV Workbench. All persons, projects and figures are invented.',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: toParagraphs(blocks, language) }],
  });
  const out = path.join(outDir, `${name}.docx`);
  await writeFile(out, await Packer.toBuffer(doc));
  const turns = blocks.filter((b) => b.kind === 'turn').length;
  return `${path.relative(root, out)} (${turns} labelled paragraphs, ${language})`;
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const files = (await readdir(srcDir)).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`no .txt sources in ${srcDir}`);
  for (const f of files) console.log(await build(f));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
