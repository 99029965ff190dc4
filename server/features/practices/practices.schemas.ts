import { Type, type Static } from 'typebox';
import { Nullable } from '../../shared/schema-helpers';

export const RegionSchema = Type.Union([Type.Literal('flanders'), Type.Literal('wallonia'), Type.Literal('brussels'), Type.Literal('abroad')]);
export const CrimeTypeSchema = Type.Union([Type.Literal('economic_compulsive'), Type.Literal('systemic'), Type.Literal('psychopharmacological')]);
export const EvaluationSchema = Type.Union([Type.Literal('none'), Type.Literal('monitoring'), Type.Literal('process'), Type.Literal('outcome'), Type.Literal('impact')]);
export const RatingSchema = Type.Union([Type.Literal('best_practice'), Type.Literal('promising'), Type.Literal('insufficient'), Type.Literal('not_effective')]);

const Text = (maxLength: number) => Type.String({ maxLength });
const Period = Nullable(Type.String({ maxLength: 10, description: 'A year or an ISO date: 2019, 2019-09 or 2019-09-01' }));

/** The editable fields of a practice record (all of them on create; any of them on update). */
export const PracticeFields = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  description: Text(20_000),
  municipality: Text(200),
  region: RegionSchema,
  country: Text(100),
  language: Text(100),
  organisation: Text(300),
  targetGroup: Text(2000),
  crimeTypes: Type.Array(CrimeTypeSchema, { maxItems: 3, description: 'One or more' }),
  interventionType: Text(300),
  workingMechanisms: Text(20_000),
  periodStart: Period,
  periodEnd: Period,
  budgetEur: Nullable(Type.Number({ minimum: 0, maximum: 1e12 })),
  costNotes: Text(10_000),
  evaluationStatus: EvaluationSchema,
  smsLevel: Nullable(Type.Integer({ minimum: 1, maximum: 5, description: 'Maryland Scientific Methods Scale; only with an outcome or impact evaluation' })),
  evidenceRating: Nullable(RatingSchema),
  recordSource: Text(1000),
};

const F = PracticeFields;
/** A new record: name, region and crime types are required; the rest default to empty. */
export const CreatePracticeBody = Type.Object({
  name: F.name, region: F.region, crimeTypes: F.crimeTypes,
  description: Type.Optional(F.description), municipality: Type.Optional(F.municipality), country: Type.Optional(F.country), language: Type.Optional(F.language),
  organisation: Type.Optional(F.organisation), targetGroup: Type.Optional(F.targetGroup), interventionType: Type.Optional(F.interventionType), workingMechanisms: Type.Optional(F.workingMechanisms),
  periodStart: Type.Optional(F.periodStart), periodEnd: Type.Optional(F.periodEnd), budgetEur: Type.Optional(F.budgetEur), costNotes: Type.Optional(F.costNotes),
  evaluationStatus: Type.Optional(F.evaluationStatus), smsLevel: Type.Optional(F.smsLevel), evidenceRating: Type.Optional(F.evidenceRating), recordSource: Type.Optional(F.recordSource),
});
export const UpdatePracticeBody = Type.Partial(Type.Object(PracticeFields));

export type PracticeInput = Static<typeof UpdatePracticeBody>;
export type PracticeValues = Static<ReturnType<typeof Type.Object<typeof PracticeFields>>>;

export const PracticeSchema = Type.Object({
  id: Type.String(),
  ...PracticeFields,
  name: Type.String(),
  codes: Type.Array(Type.Object({ linkId: Type.String(), codeId: Type.String(), note: Type.String(), evidenceCount: Type.Integer() })),
  sourceIds: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Practice = Static<typeof PracticeSchema>;

export const PracticeListQuery = Type.Object({
  crimeType: Type.Optional(CrimeTypeSchema),
  region: Type.Optional(RegionSchema),
  rating: Type.Optional(Type.Union([RatingSchema, Type.Literal('unrated')])),
  evaluationStatus: Type.Optional(EvaluationSchema),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in the name, description, municipality, organisation, target group, intervention or mechanisms' })),
});
export type PracticeFilter = Static<typeof PracticeListQuery>;

export const PracticeParams = Type.Object({ projectId: Type.String(), practiceId: Type.String() });
export const ThemeParams = Type.Object({ projectId: Type.String(), practiceId: Type.String(), linkId: Type.String() });
export const EvidenceParams = Type.Object({ projectId: Type.String(), practiceId: Type.String(), linkId: Type.String(), evidenceId: Type.String() });
export const SourceParams = Type.Object({ projectId: Type.String(), practiceId: Type.String(), sourceId: Type.String() });

export const ImportProblemSchema = Type.Object({
  row: Type.Integer({ description: 'Row number as shown in the spreadsheet (the header is row 1)' }),
  column: Type.String({ description: 'The column header as written in the file' }),
  value: Type.String(),
  code: Type.String({ description: 'What is wrong, for translation: UNKNOWN_COLUMN, BAD_REGION, BAD_CRIME_TYPE, COUNTRY_REQUIRED, PERIOD_ORDER, DUPLICATE_ROW…' }),
  otherRow: Type.Optional(Type.Integer({ description: 'For DUPLICATE_ROW: the row that has the record first' })),
  message: Type.String(),
});
export type ImportProblem = Static<typeof ImportProblemSchema>;
export const ImportReportSchema = Type.Object({
  created: Type.Integer(), updated: Type.Integer(),
  rows: Type.Array(Type.Object({ row: Type.Integer(), id: Type.String(), name: Type.String(), status: Type.Union([Type.Literal('created'), Type.Literal('updated')]) })),
});

export const EvidenceQuoteSchema = Type.Object({
  evidenceId: Type.String(), segmentId: Type.String(), note: Type.String(),
  documentId: Type.String(), documentName: Type.String(),
  respondentGroup: Type.Union([Type.Literal('international'), Type.Literal('belgian'), Type.Literal('unknown')]),
  speaker: Nullable(Type.String()), text: Type.String(), start: Type.Integer(), end: Type.Integer(),
  status: Type.Union([Type.Literal('anchored'), Type.Literal('orphaned')]),
  readerUrl: Type.String({ description: '/documents/<id>?start=&end=' }),
});
export const ThemeSchema = Type.Object({
  linkId: Type.String(), codeId: Type.String(), codeName: Type.String(), codePath: Type.String(), color: Type.String(), note: Type.String(),
  evidence: Type.Array(EvidenceQuoteSchema),
});
export const LinkedSourceSchema = Type.Object({
  linkId: Type.String(), sourceId: Type.String(), citationKey: Type.String(), title: Type.String(), year: Nullable(Type.Integer()), citation: Type.String(),
});
export const PracticePageSchema = Type.Object({ record: PracticeSchema, themes: Type.Array(ThemeSchema), sources: Type.Array(LinkedSourceSchema) });
export type PracticePage = Static<typeof PracticePageSchema>;
