import type { Database } from '../../db/schema';
import { quoteSelector } from '../../shared/anchoring';
import { paletteColor } from '../../shared/code-colors';
import { translator, type Translator } from '../../i18n/translator';
import { newId } from '../../shared/ids';
import type { RefiCode, RefiProject } from './refi-model';
import { detectConvention, describeConvention, NormalisedSource, type ConventionScore } from './refi-positions';
import type { LoadedSource } from './refi-sources';

type Row<T extends keyof Database> = Database[T];

/** One import's rows, built in memory before anything is written. */
export interface RefiPlan {
  codes: Row<'codes'>[];
  documents: {
    source: LoadedSource; name: string; fileName: string; guid: string; text: string; revisionId: string; id: string; turns: { start: number; end: number }[];
    /** Document fields the workbench itself exported as variables (respondent group, language, interview date). */
    fields: Partial<Pick<Row<'documents'>, 'respondent_group' | 'language' | 'interview_date'>>;
  }[];
  segments: Row<'segments'>[];
  codings: Row<'codings'>[];
  /** Memo rows without ids of the project (filled by the writer). */
  memos: Omit<Row<'memos'>, 'project_id'>[];
  attributes: Row<'attribute_definitions'>[];
  memoCodes: Row<'memo_codes'>[];
  values: Row<'document_attributes'>[];
  counts: { codes: number; selections: number; segments: number; codings: number };
  detection: { best: ConventionScore; scores: ConventionScore[] } | null;
  converted: string[];
  warnings: string[];
  skipped: { kind: string; name: string; reason: string }[];
}

/** Paragraph turns of a text kept as is: blocks between blank lines, or lines when it has none. */
export function paragraphTurns(text: string): { start: number; end: number }[] {
  const separator = /\n[ \t]*\n/.test(text) ? /\n(?:[ \t]*\n)+/g : /\n+/g;
  const turns: { start: number; end: number }[] = [];
  let from = 0;
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) turns.push({ start, end });
  };
  for (const m of text.matchAll(separator)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return turns;
}

const LABELS = { inclusion: 'Inclusion criteria:', exclusion: 'Exclusion criteria:', example: 'Example:' } as const;

/**
 * A code's REFI description split back into the codebook's fields: paragraphs that begin with
 * "Inclusion criteria:", "Exclusion criteria:" or "Example:" (as the workbench exports them) go to
 * those fields, the rest is the definition.
 */
export function splitCodeDescription(description: string) {
  const out = { definition: '', inclusion: '', exclusion: '', example: '' };
  const rest: string[] = [];
  for (const paragraph of description.split(/\n\n/)) {
    const key = (Object.keys(LABELS) as (keyof typeof LABELS)[]).find((k) => paragraph.startsWith(LABELS[k]) && !out[k]);
    if (key) out[key] = paragraph.slice(LABELS[key].length).trim();
    else rest.push(paragraph);
  }
  out.definition = rest.join('\n\n').trim();
  return out;
}

/** Code rows (parents first) with unique sibling names; returns the map from REFI GUID to row id. */
function planCodes(codes: RefiCode[], projectId: string, userId: string, now: string, plan: RefiPlan, { t }: Translator): Map<string, string> {
  const ids = new Map<string, string>();
  const walk = (list: RefiCode[], parentId: string | null, path: string) => {
    const taken = new Set<string>();
    list.forEach((code, position) => {
      let name = code.name || 'Unnamed code';
      for (let n = 2; taken.has(name.toLocaleLowerCase()); n++) name = `${code.name} (${n})`;
      if (name !== (code.name || 'Unnamed code')) plan.warnings.push(t('exchange.warnings.sameName', { name: code.name, under: path || t('exchange.warnings.topLevel'), renamed: name }));
      taken.add(name.toLocaleLowerCase());
      const id = newId();
      if (code.guid) ids.set(code.guid, id);
      plan.codes.push({
        id, project_id: projectId, parent_id: parentId, name, color: code.color ?? paletteColor(plan.codes.length), ...splitCodeDescription(code.description), position, archived: 0, created_by: userId, created_at: now, updated_at: now,
      });
      if (!code.guid) plan.converted.push(t('exchange.converted.parentCreated', { name }));
      walk(code.children, id, path ? `${path} > ${name}` : t('exchange.warnings.quoted', { name }));
    });
  };
  walk(codes, null, '');
  return ids;
}

/**
 * Turns a REFI project and its loaded source texts into rows: codes, documents with paragraph
 * turns, segments at the positions converted with the producer's detected convention, codings
 * by coder, memos from notes and descriptions, attributes from variables and cases.
 */
export function planImport(
  model: RefiProject, loaded: Map<string, LoadedSource>,
  ctx: { projectId: string; userId: string; now: string; coderOf: (guid: string | null) => string; /** The reader's language for the report (English by default). */ tr?: Translator },
): RefiPlan {
  const { projectId, userId, now } = ctx;
  const tr = ctx.tr ?? translator('en');
  const { t } = tr;
  const plan: RefiPlan = {
    codes: [], documents: [], segments: [], codings: [], memos: [], attributes: [], values: [], memoCodes: [],
    counts: { codes: 0, selections: 0, segments: 0, codings: 0 }, detection: null, converted: [], warnings: [], skipped: [],
  };
  const codeIds = planCodes(model.codes, projectId, userId, now, plan, tr);
  const unfolded = flatten(model.codes).filter((c) => c.unfoldedFrom);
  if (unfolded.length) plan.converted.push(t('exchange.converted.unfolded', { count: unfolded.length, formatted: tr.number(unfolded.length), example: unfolded[0]!.unfoldedFrom }));
  plan.counts.codes = codeIds.size;
  const normalised = new Map<string, NormalisedSource>();
  for (const source of model.textSources) {
    const s = loaded.get(source.guid);
    if (s) normalised.set(source.guid, new NormalisedSource(s.raw));
  }
  const withSelections = model.textSources.filter((s) => normalised.has(s.guid) && s.selections.length > 0 && !loaded.get(s.guid)!.fromRichText);
  if (withSelections.length > 0) {
    plan.detection = detectConvention(withSelections.map((s) => ({ source: normalised.get(s.guid)!, selections: s.selections })));
    const b = plan.detection.best;
    const numbers = { convention: describeConvention(b.convention, t), onBoundaries: tr.number(b.onBoundaries), total: tr.number(b.total) };
    plan.converted.push(b.named > 0
      ? t('exchange.converted.positionsNamed', { ...numbers, nameMatches: tr.number(b.nameMatches), named: tr.number(b.named) })
      : t('exchange.converted.positions', numbers));
  }
  const convention = plan.detection?.best.convention ?? { units: 'codepoints' as const, crlf: 2 as const };
  const segmentByGuid = new Map<string, string>();
  const docByGuid = new Map<string, string>();
  const memo = (targetType: Row<'memos'>['target_type'], targetId: string | null, title: string, body: string, author: string | null) => {
    if (body.trim()) plan.memos.push({ id: newId(), author_id: author, target_type: targetType, target_id: targetId ?? (targetType === 'project' ? projectId : null), title: title.slice(0, 200), body, created_at: now, updated_at: now });
  };

  for (const source of model.textSources) {
    const s = loaded.get(source.guid);
    const norm = normalised.get(source.guid);
    if (!s || !norm) continue;
    const id = newId();
    const revisionId = newId();
    docByGuid.set(source.guid, id);
    const name = source.name.replace(/\.(txt|docx?|rtf|odt)$/i, '') || source.name;
    // The workbench's own exports describe a source as "Imported from <file>": that is its file name.
    const importedFrom = /^Imported from (.+)$/.exec(source.description)?.[1];
    const fileName = importedFrom ?? (/\.[a-z0-9]{2,4}$/i.test(source.name) ? source.name : `${source.name}.${s.format}`);
    plan.documents.push({ source: s, name, fileName, guid: source.guid, text: norm.text, revisionId, id, turns: paragraphTurns(norm.text), fields: {} });
    if (s.fromRichText) plan.warnings.push(t('exchange.warnings.fromDocx', { source: source.name }));
    if (!importedFrom) memo('document', id, 'Description', source.description, userId);
    const seen = new Map<string, string>();
    const codingKeys = new Set<string>();
    for (const sel of source.selections) {
      plan.counts.selections += 1;
      if (!Number.isFinite(sel.start) || !Number.isFinite(sel.end) || sel.end <= sel.start) {
        plan.warnings.push(t('exchange.warnings.invalidPassage', { source: source.name, start: String(sel.start), end: String(sel.end) }));
        continue;
      }
      const { start, end } = norm.range(sel.start, sel.end, convention);
      if (end <= start || end > norm.text.length) {
        plan.warnings.push(t('exchange.warnings.outsidePassage', { source: source.name, start: String(sel.start), end: String(sel.end) }));
        continue;
      }
      const creator = ctx.coderOf(sel.userGuid);
      const key = `${start}:${end}:${creator}`;
      let segmentId = seen.get(key);
      if (!segmentId) {
        segmentId = newId();
        seen.set(key, segmentId);
        const quote = quoteSelector(norm.text, start, end);
        plan.segments.push({ id: segmentId, document_id: id, revision_id: revisionId, start_offset: start, end_offset: end, ...quote, status: 'anchored', created_by: creator, created_at: now, updated_at: now });
      }
      if (sel.guid) segmentByGuid.set(sel.guid, segmentId);
      for (const coding of sel.codings) {
        const codeId = codeIds.get(coding.codeGuid);
        if (!codeId) {
          plan.warnings.push(t('exchange.warnings.unknownCode', { source: source.name }));
          continue;
        }
        const coder = ctx.coderOf(coding.userGuid);
        if (codingKeys.has(`${segmentId}:${codeId}:${coder}`)) continue;
        codingKeys.add(`${segmentId}:${codeId}:${coder}`);
        plan.codings.push({ id: newId(), segment_id: segmentId, code_id: codeId, coder_id: coder, created_at: now });
        plan.counts.codings += 1;
      }
      memo('segment', segmentId, sel.name.trim() && !/^quotation\s*\d/i.test(sel.name) ? sel.name.trim() : 'Comment', sel.description, creator);
    }
  }
  plan.counts.segments = plan.segments.length;
  // A segment without codings (a comment-only passage in ATLAS.ti) is kept: its memo is on it.

  const targets = new Map<string, { type: Row<'memos'>['target_type']; id: string }>();
  for (const code of flatten(model.codes)) for (const ref of code.noteRefs) if (codeIds.has(code.guid)) targets.set(ref, { type: 'code', id: codeIds.get(code.guid)! });
  for (const source of model.textSources) {
    for (const ref of source.noteRefs) if (docByGuid.has(source.guid)) targets.set(ref, { type: 'document', id: docByGuid.get(source.guid)! });
    for (const sel of source.selections) for (const ref of sel.noteRefs) if (segmentByGuid.has(sel.guid)) targets.set(ref, { type: 'segment', id: segmentByGuid.get(sel.guid)! });
  }
  const noteCodes = new Map<string, string[]>();
  for (const link of model.links) {
    const codeId = codeIds.get(link.targetGuid);
    if (codeId && model.notes.some((n) => n.guid === link.originGuid)) noteCodes.set(link.originGuid, [...(noteCodes.get(link.originGuid) ?? []), codeId]);
  }
  for (const note of model.notes) {
    const target = targets.get(note.guid);
    const body = [note.text, note.description].filter((x) => x.trim()).join('\n\n');
    const before = plan.memos.length;
    memo(target?.type ?? 'project', target?.id ?? null, note.name || 'Note', body, ctx.coderOf(note.userGuid));
    if (plan.memos.length > before) for (const codeId of new Set(noteCodes.get(note.guid))) plan.memoCodes.push({ id: newId(), memo_id: plan.memos.at(-1)!.id, code_id: codeId });
  }
  planAttributes(model, docByGuid, projectId, now, plan, tr);
  return plan;
}

const flatten = (codes: RefiCode[]): RefiCode[] => codes.flatMap((c) => [c, ...flatten(c.children)]);

/** Variables the workbench writes for its own document fields, read back into those fields. */
const BUILT_IN: Record<string, { column: 'respondent_group' | 'language' | 'interview_date'; valid: RegExp }> = {
  'respondent group': { column: 'respondent_group', valid: /^(international|belgian)$/i },
  language: { column: 'language', valid: /^(nl|fr|en|other)$/i },
  'interview date': { column: 'interview_date', valid: /^\d{4}-\d{2}-\d{2}$/ },
};

/** Variables become text attributes; cases give their values to their sources, and a "Case" attribute. */
function planAttributes(model: RefiProject, docByGuid: Map<string, string>, projectId: string, now: string, plan: RefiPlan, tr: Translator) {
  const attrIds = new Map<string, string>();
  for (const v of model.variables) if (BUILT_IN[v.name.toLowerCase()]) attrIds.set(v.guid, v.guid);
  const define = (name: string) => {
    const id = newId();
    plan.attributes.push({ id, project_id: projectId, name: name.slice(0, 100), type: 'text', choices: '[]', position: plan.attributes.length, created_at: now });
    return id;
  };
  const docs = new Map(plan.documents.map((d) => [d.id, d]));
  for (const v of model.variables) if (v.name && !BUILT_IN[v.name.toLowerCase()]) attrIds.set(v.guid, define(v.name));
  const builtIn = new Map(model.variables.filter((v) => BUILT_IN[v.name.toLowerCase()]).map((v) => [v.guid, BUILT_IN[v.name.toLowerCase()]!]));
  const values = new Map<string, string>();
  const set = (docId: string | undefined, attributeId: string | undefined, value: string) => {
    const field = attributeId ? builtIn.get(attributeId) : undefined;
    if (docId && field) {
      if (field.valid.test(value.trim())) Object.assign(docs.get(docId)!.fields, { [field.column]: value.trim().toLowerCase() });
    } else if (docId && attributeId && value.trim()) values.set(`${docId}\u0000${attributeId}`, value.trim());
  };
  for (const source of model.textSources) for (const v of source.variables) set(docByGuid.get(source.guid), attrIds.get(v.variableGuid), v.value);
  const caseNames = new Map<string, string[]>();
  for (const c of model.cases) {
    for (const guid of c.sourceGuids) {
      for (const v of c.variables) set(docByGuid.get(guid), attrIds.get(v.variableGuid), v.value);
      if (docByGuid.has(guid)) caseNames.set(guid, [...(caseNames.get(guid) ?? []), c.name]);
    }
  }
  const docName = new Map(plan.documents.map((d) => [d.guid, d.name]));
  const informative = model.cases.some((c) => c.sourceGuids.length !== 1 || c.name !== docName.get(c.sourceGuids[0]!));
  if (caseNames.size > 0 && informative) {
    const caseName = model.variables.some((v) => v.name.toLowerCase() === 'case') ? 'Case (REFI-QDA)' : 'Case';
    const caseAttr = define(caseName);
    for (const [guid, names] of caseNames) set(docByGuid.get(guid), caseAttr, names.join(', '));
    plan.converted.push(tr.t('exchange.converted.cases', { count: model.cases.length, formatted: tr.number(model.cases.length), attribute: caseName }));
  }
  const inSets = new Map<string, string[]>();
  for (const s of model.sets) for (const guid of s.sourceGuids) if (docByGuid.has(guid) && s.name) inSets.set(guid, [...(inSets.get(guid) ?? []), s.name]);
  if (inSets.size > 0) {
    const setsName = model.variables.some((v) => v.name.toLowerCase() === 'sets') ? 'Sets (REFI-QDA)' : 'Sets';
    const setsAttr = define(setsName);
    for (const [guid, names] of inSets) set(docByGuid.get(guid), setsAttr, names.join(', '));
    plan.converted.push(tr.t('exchange.converted.sets', { attribute: setsName }));
  }
  for (const [key, value] of values) {
    const [documentId, attributeId] = key.split('\u0000') as [string, string];
    plan.values.push({ document_id: documentId, attribute_id: attributeId, value });
  }
}
