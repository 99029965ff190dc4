import { Type, type Static } from 'typebox';
import { Nullable } from '../../shared/schema-helpers';

export const SegmentCodingSchema = Type.Object({
  codingId: Type.String(),
  codeId: Type.String(),
  name: Type.String(),
  color: Type.String(),
  coderId: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const SegmentSchema = Type.Object({
  id: Type.String(),
  documentId: Type.String(),
  /** UTF-16 offsets in the document's current text (for an orphaned segment: in the revision it came from). */
  start: Type.Integer(),
  end: Type.Integer(),
  exact: Type.String(),
  prefix: Type.String(),
  suffix: Type.String(),
  /** `anchored`, or `orphaned` when a transcript correction could not place it (needs review). */
  status: Type.Union([Type.Literal('anchored'), Type.Literal('orphaned')]),
  coderId: Nullable(Type.String()),
  coderName: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  codes: Type.Array(SegmentCodingSchema),
  memoCount: Type.Integer(),
});

/**
 * A segment in the compact listing (`GET …/segments/compact`): what drawing codings over the text
 * needs. An anchored segment's quote is `text.slice(start, end)` of the listed revision, so only an
 * orphaned one (placed in an older text) carries `exact`; code and coder names are listed once.
 */
export const CompactSegmentSchema = Type.Object({
  id: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  status: Type.Union([Type.Literal('anchored'), Type.Literal('orphaned')]),
  coderId: Nullable(Type.String()),
  createdAt: Type.String(),
  memoCount: Type.Integer(),
  /** Ids of its codes, in `codes`. */
  codeIds: Type.Array(Type.String()),
  /** The quote, for an orphaned segment only. */
  exact: Type.Optional(Type.String()),
});

export const CompactSegmentListSchema = Type.Object({
  /** The document's current revision: anchored segments' offsets are in its text. */
  revisionId: Nullable(Type.String()),
  segments: Type.Array(CompactSegmentSchema),
  /** The codes these segments use. */
  codes: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), color: Type.String() })),
  /** The coders of these segments. */
  coders: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});

export type CompactSegmentList = Static<typeof CompactSegmentListSchema>;

export const CreateSegmentBody = Type.Object({
  start: Type.Integer({ minimum: 0, description: 'UTF-16 offset of the first character, in the current text' }),
  end: Type.Integer({ minimum: 0, description: 'UTF-16 offset after the last character' }),
  exact: Type.String({ minLength: 1, maxLength: 200_000, description: 'The selected text; must equal text.slice(start, end)' }),
  codeIds: Type.Array(Type.String(), { minItems: 1, maxItems: 100 }),
});

export const PlaceSegmentBody = Type.Object({
  start: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
  exact: Type.String({ minLength: 1, maxLength: 200_000 }),
});

export const SegmentParams = Type.Object({ segmentId: Type.String() });
