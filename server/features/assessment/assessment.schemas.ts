import { Type } from 'typebox';
import { Nullable } from '../../shared/schema-helpers';


export const ScoreSchema = Type.Union([Type.Literal('met'), Type.Literal('partly'), Type.Literal('not_met'), Type.Literal('unknown')]);

/** Filters shared by the matrices and the inventory: crime type, region and evidence rating (`unrated` = no rating). */
export const ReportFilter = Type.Object({
  crimeType: Type.Optional(Type.Union([Type.Literal('economic_compulsive'), Type.Literal('systemic'), Type.Literal('psychopharmacological')])),
  region: Type.Optional(Type.Union([Type.Literal('flanders'), Type.Literal('wallonia'), Type.Literal('brussels'), Type.Literal('abroad')])),
  rating: Type.Optional(Type.Union([Type.Literal('best_practice'), Type.Literal('promising'), Type.Literal('insufficient'), Type.Literal('not_effective'), Type.Literal('unrated')])),
});

export const CriterionParams = Type.Object({ projectId: Type.String(), criterionId: Type.String() });
export const CellParams = Type.Object({ projectId: Type.String(), practiceId: Type.String(), criterionId: Type.String() });
export const EvidenceParams = Type.Object({ projectId: Type.String(), practiceId: Type.String(), criterionId: Type.String(), evidenceId: Type.String() });

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 5000 });

export const CriterionSchema = Type.Object({
  id: Type.String(), name: Type.String(), description: Type.String(),
  codeId: Nullable(Type.String({ description: 'The code the criterion derives from' })), codeName: Nullable(Type.String()),
  position: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(),
});
export const CreateCriterionBody = Type.Object({ name: Name, description: Type.Optional(Description), codeId: Type.Optional(Nullable(Type.String())) });
export const UpdateCriterionBody = Type.Object({ name: Type.Optional(Name), description: Type.Optional(Description), codeId: Type.Optional(Nullable(Type.String())) });
export const ReorderBody = Type.Object({ criterionIds: Type.Array(Type.String(), { minItems: 1, maxItems: 1000, description: 'Every criterion of the project, in the new order' }) });
export const DeriveBody = Type.Object({ codeIds: Type.Array(Type.String(), { minItems: 1, maxItems: 500 }) });
export const DeriveResultSchema = Type.Object({
  created: Type.Array(CriterionSchema),
  skipped: Type.Array(Type.Object({ codeId: Type.String(), name: Type.String(), reason: Type.String() })),
});

export const PassageSchema = Type.Object({
  segmentId: Type.String(), documentId: Type.String(), documentName: Type.String(),
  respondentGroup: Type.Union([Type.Literal('international'), Type.Literal('belgian'), Type.Literal('unknown')]), speaker: Nullable(Type.String()),
  quote: Type.String(), start: Type.Integer(), end: Type.Integer(),
});
export const AssessmentEvidenceSchema = Type.Object({ id: Type.String(), note: Type.String(), ...PassageSchema.properties });
export const AssessmentSchema = Type.Object({
  practiceId: Type.String(), criterionId: Type.String(), id: Nullable(Type.String({ description: 'null when not scored yet' })),
  score: Nullable(ScoreSchema), note: Type.String(), evidence: Type.Array(AssessmentEvidenceSchema), updatedAt: Nullable(Type.String()),
});
export const SetScoreBody = Type.Object({ score: ScoreSchema, note: Type.Optional(Type.String({ maxLength: 10_000 })) });
export const AddEvidenceBody = Type.Object({ segmentId: Type.String(), note: Type.Optional(Type.String({ maxLength: 2000 })) });

const Share = Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'null when there is nothing to divide by' }));
const PracticeHead = Type.Object({
  id: Type.String(), name: Type.String(), municipality: Type.String(), region: Type.String(),
  crimeTypes: Type.Array(Type.String()), evidenceRating: Nullable(Type.String()),
});
export const CriteriaMatrixSchema = Type.Object({
  criteria: Type.Array(Type.Object({ ...CriterionSchema.properties, met: Type.Integer(), share: Share })),
  rows: Type.Array(Type.Object({
    practice: PracticeHead, met: Type.Integer(), share: Share,
    cells: Type.Array(Type.Object({ criterionId: Type.String(), score: Nullable(ScoreSchema), hasNote: Type.Boolean(), evidence: Type.Integer() })),
  })),
});
export const ThemeMatrixSchema = Type.Object({
  themes: Type.Array(Type.Object({ codeId: Type.String(), name: Type.String(), path: Type.String(), color: Type.String(), practices: Type.Integer(), passages: Type.Integer({ description: 'Passages coded with the theme in the interviews' }) })),
  rows: Type.Array(Type.Object({
    practice: PracticeHead,
    cells: Type.Array(Type.Object({ codeId: Type.String(), linked: Type.Boolean(), evidence: Type.Integer({ description: 'Evidence quotes on the link' }) })),
  })),
});
export const InventorySummarySchema = Type.Object({
  practices: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), evidenceRating: Nullable(Type.String()), themes: Type.Integer(), quotes: Type.Integer(), sources: Type.Integer(), scores: Type.Integer() })),
  totals: Type.Object({ practices: Type.Integer(), themes: Type.Integer(), quotes: Type.Integer(), sources: Type.Integer(), scores: Type.Integer() }),
});
