import { Type } from 'typebox';
import { Nullable } from '../../shared/schema-helpers';

export const Focus = Type.Union([Type.Literal('offenders'), Type.Literal('cost_effectiveness'), Type.Literal('evaluation'), Type.Literal('other')]);
export const Scope = Type.Union([Type.Literal('international'), Type.Literal('belgium')]);
export const Status = Type.Union([Type.Literal('open'), Type.Literal('partly_filled'), Type.Literal('filled')]);
export const Relation = Type.Union([Type.Literal('fills'), Type.Literal('extends'), Type.Literal('contradicts'), Type.Literal('illustrates')]);
const Group = Type.Union([Type.Literal('international'), Type.Literal('belgian'), Type.Literal('unknown')]);

export const CslNameSchema = Type.Object({ family: Type.Optional(Type.String()), given: Type.Optional(Type.String()), literal: Type.Optional(Type.String()) });

export const SourceSchema = Type.Object({
  id: Type.String(), citationKey: Type.String(), kind: Type.String(), authors: Type.Array(CslNameSchema), authorsText: Type.String(),
  year: Nullable(Type.Integer()), title: Type.String(), venue: Type.String(), doi: Type.String(), url: Type.String(), focus: Focus, notes: Type.String(),
  citation: Type.String({ description: 'APA reference, plain text' }), citationHtml: Type.String({ description: 'APA reference as safe HTML (italics kept)' }),
  createdAt: Type.String(), updatedAt: Type.String(),
});

const sourceFields = {
  kind: Type.String({ minLength: 1, maxLength: 40, description: 'CSL type: article-journal, book, chapter, report, webpage, …' }),
  authors: Type.Union([Type.String({ maxLength: 5000, description: '"Family, Given; Family, Given" (an entry without comma is an organisation)' }), Type.Array(CslNameSchema, { maxItems: 200 })]),
  year: Nullable(Type.Integer()), venue: Type.String({ maxLength: 500 }), doi: Type.String({ maxLength: 300 }), url: Type.String({ maxLength: 2000 }),
  focus: Focus, notes: Type.String({ maxLength: 20_000 }), citationKey: Type.String({ maxLength: 200 }),
};
export const CreateSourceBody = Type.Object({ title: Type.String({ minLength: 1, maxLength: 1000 }), ...Type.Partial(Type.Object(sourceFields)).properties });
export const UpdateSourceBody = Type.Partial(Type.Object({ title: Type.String({ minLength: 1, maxLength: 1000 }), ...sourceFields }));

export const ImportReportSchema = Type.Object({
  imported: Type.Array(SourceSchema),
  skipped: Type.Array(Type.Object({ title: Type.String(), reason: Type.Union([Type.Literal('doi'), Type.Literal('title_year')]) })),
  errors: Type.Array(Type.Object({ file: Type.String(), entry: Type.String(), message: Type.String() })),
});

export const GapSchema = Type.Object({
  id: Type.String(), statement: Type.String(), focus: Focus, scope: Scope, status: Status, notes: Type.String(), position: Type.Integer(),
  sourceIds: Type.Array(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
});
const gapFields = {
  statement: Type.String({ minLength: 1, maxLength: 5000 }), focus: Focus, scope: Scope, status: Status, notes: Type.String({ maxLength: 20_000 }),
  position: Type.Integer({ minimum: 0 }), sourceIds: Type.Array(Type.String(), { maxItems: 500 }),
};
const { statement, ...otherGapFields } = gapFields;
export const CreateGapBody = Type.Object({ statement, ...Type.Partial(Type.Object(otherGapFields)).properties });
export const UpdateGapBody = Type.Partial(Type.Object(gapFields));
export const GapFilterQuery = Type.Object({ focus: Type.Optional(Focus), scope: Type.Optional(Scope), status: Type.Optional(Status) });

const CountsSchema = Type.Object({ segments: Type.Integer(), respondents: Type.Integer(), evidence: Type.Integer() });
const LinkCounts = Type.Object({
  linkId: Type.String(), codeId: Type.String(), codeName: Type.String(), codePath: Type.String(), relation: Relation, note: Type.String(),
  segments: Type.Integer(), respondents: Type.Integer(), evidence: Type.Integer(),
});
const GroupsSchema = Type.Object({ international: CountsSchema, belgian: CountsSchema, unknown: CountsSchema });

export const CoverageSchema = Type.Object({
  gaps: Type.Array(Type.Object({
    id: Type.String(), statement: Type.String(), focus: Focus, scope: Scope, status: Status, position: Type.Integer(),
    codes: Type.Array(LinkCounts), groups: GroupsSchema, totals: CountsSchema, noEvidence: Type.Boolean(),
  })),
});

const PassageSchema = Type.Object({
  segmentId: Type.String(), documentId: Type.String(), documentName: Type.String(), respondentGroup: Group, speaker: Nullable(Type.String()),
  speakerRole: Nullable(Type.String()), quote: Type.String(), start: Type.Integer(), end: Type.Integer(), status: Type.Union([Type.Literal('anchored'), Type.Literal('orphaned')]),
});
export const EvidenceSchema = Type.Object({
  id: Type.String(), note: Type.String(), createdAt: Type.String(), codedWithLink: Type.Boolean(), ...PassageSchema.properties,
});

export const GapPageSchema = Type.Object({
  gap: GapSchema, sources: Type.Array(SourceSchema), groups: GroupsSchema, totals: CountsSchema, noEvidence: Type.Boolean(),
  links: Type.Array(Type.Object({
    ...LinkCounts.properties, quotes: Type.Array(EvidenceSchema, { description: 'The chosen evidence passages' }), passages: Type.Array(PassageSchema),
    passagesTotal: Type.Integer({ description: 'All supporting passages; `passages` holds the first `passageLimit`' }),
  })),
});

export const SourceParams = Type.Object({ projectId: Type.String(), sourceId: Type.String() });
export const GapParams = Type.Object({ projectId: Type.String(), gapId: Type.String() });
export const LinkParams = Type.Object({ projectId: Type.String(), gapId: Type.String(), linkId: Type.String() });
export const EvidenceParams = Type.Object({ projectId: Type.String(), gapId: Type.String(), linkId: Type.String(), evidenceId: Type.String() });
