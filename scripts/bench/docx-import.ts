/**
 * Importing a .docx: the workbench's `POST /api/projects/:id/documents` (upload, mammoth, canonical
 * text, turns, one transaction) beside mammoth alone on the same file in this process
 * (`mammoth.convertToHtml`, its own conversion; `extractRawText` reported too). Medians of `runs`.
 */
import { Document, Packer, Paragraph, TextRun } from 'docx';
import mammoth from 'mammoth';
import type { Api } from './http';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;

/** A Word file of a generated transcript: one paragraph per turn, the speaker label in bold. */
export async function transcriptDocx(text: string): Promise<Uint8Array> {
  const paragraphs = text.split(/\n\n+/).filter(Boolean).map((block) => {
    const m = /^([^:\n]{1,40}):\s(.*)$/s.exec(block);
    return new Paragraph({ children: m ? [new TextRun({ text: `${m[1]}:`, bold: true }), new TextRun({ text: ` ${m[2]}` })] : [new TextRun({ text: block, italics: true })] });
  });
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] })));
}

/** Imports the same file `runs` + 1 times, each into its own new project (the workbench refuses a file already imported in a project). */
export async function benchDocxImport(api: Api, text: string, runs: number, log: (m: string) => void) {
  const upload = async (name: string) => {
    const project = (await api.post<{ id: string }>('/api/projects', { name: `Bench docx ${name} (fictional)` })).body;
    const t0 = performance.now();
    await api.upload(`/api/projects/${project.id}/documents`, [{ name: `${name}.docx`, content: bytes, type: DOCX_TYPE }]);
    return performance.now() - t0;
  };
  const bytes = await transcriptDocx(text);
  log(`docx: ${Math.round(bytes.length / 1024)} KiB; mammoth alone and ${runs} imports through the API …`);
  const buffer = Buffer.from(bytes);
  const html: number[] = [];
  const raw: number[] = [];
  const api_: number[] = [];
  await mammoth.convertToHtml({ buffer }); // warm-up (module code, JIT)
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await mammoth.convertToHtml({ buffer });
    html.push(performance.now() - t0);
    t0 = performance.now();
    await mammoth.extractRawText({ buffer });
    raw.push(performance.now() - t0);
  }
  await upload('warm-up');
  for (let i = 0; i < runs; i++) api_.push(await upload(`run-${i + 1}`));
  const importMs = median(api_);
  const mammothMs = median(html);
  return {
    fileBytes: bytes.length, words: text.match(/\S+/g)?.length ?? 0, runs,
    importMs: round(importMs), mammothConvertToHtmlMs: round(mammothMs), mammothExtractRawTextMs: round(median(raw)),
    ratio: Math.round((importMs / mammothMs) * 100) / 100,
    note: 'import = upload over HTTP + mammoth + canonical text + turns + one transaction (median); mammoth = convertToHtml on the same bytes in the bench process (median)',
  };
}
