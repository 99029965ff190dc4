import { Type } from 'typebox';
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
