import { Type } from 'typebox';
import { IsoDate, Nullable } from '../../shared/schema-helpers';

export const SpeakerRoleSchema = Type.Union([Type.Literal('interviewer'), Type.Literal('respondent'), Type.Literal('other')]);
export const LanguageSchema = Type.Union([Type.Literal('nl'), Type.Literal('fr'), Type.Literal('en'), Type.Literal('other')]);
export const RespondentGroupSchema = Type.Union([Type.Literal('international'), Type.Literal('belgian')]);

export const SpeakerSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: SpeakerRoleSchema,
  turnCount: Type.Optional(Type.Integer()),
});

export const DocumentSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  fileName: Type.String(),
  format: Type.String(),
  encoding: Type.String(),
  language: LanguageSchema,
  respondentGroup: Nullable(RespondentGroupSchema),
  interviewDate: Nullable(Type.String()),
  wordCount: Type.Integer(),
  turnCount: Type.Integer(),
  speakers: Type.Array(SpeakerSchema),
  /** The project's own attributes: attribute id → value. */
  attributes: Type.Record(Type.String(), Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const TurnSchema = Type.Object({
  id: Type.String(),
  speakerId: Nullable(Type.String()),
  /** UTF-16 offsets of the turn's text in `text`. */
  start: Type.Integer(),
  end: Type.Integer(),
  mediaStartMs: Nullable(Type.Integer()),
  mediaEndMs: Nullable(Type.Integer()),
});

export const DocumentDetailSchema = Type.Intersect([
  DocumentSummarySchema,
  Type.Object({
    projectId: Type.String(),
    /** Whether the file as imported is still kept (`GET …/original`); applying pseudonyms can remove it. */
    hasOriginal: Type.Boolean(),
    text: Type.String(),
    revision: Type.Object({ id: Type.String(), number: Type.Integer(), createdAt: Type.String() }),
    turns: Type.Array(TurnSchema),
  }),
]);

export const FileFailureSchema = Type.Object({
  fileName: Type.String(),
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

export const FileDuplicateSchema = Type.Object({
  fileName: Type.String(),
  existingDocumentId: Type.String(),
  existingName: Type.String(),
});

export const ImportResultSchema = Type.Object({
  documents: Type.Array(DocumentSummarySchema),
  failed: Type.Array(FileFailureSchema),
  duplicates: Type.Array(FileDuplicateSchema),
});

export const DocumentParams = Type.Object({ documentId: Type.String() });
export const SpeakerParams = Type.Object({ documentId: Type.String(), speakerId: Type.String() });

export const UpdateDocumentBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  respondentGroup: Type.Optional(Nullable(RespondentGroupSchema)),
  language: Type.Optional(LanguageSchema),
  interviewDate: Type.Optional(Nullable(IsoDate)),
  attributes: Type.Optional(Type.Record(Type.String(), Nullable(Type.String({ maxLength: 2000 })))),
});

export const UpdateSpeakerBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  role: Type.Optional(SpeakerRoleSchema),
});
