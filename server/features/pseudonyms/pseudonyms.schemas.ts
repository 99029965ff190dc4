import { Type } from 'typebox';

export const PseudonymKindSchema = Type.Union([Type.Literal('person'), Type.Literal('place'), Type.Literal('organisation'), Type.Literal('other')]);

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Notes = Type.String({ maxLength: 2000 });

export const EntryParams = Type.Object({ projectId: Type.String(), entryId: Type.String() });

export const PseudonymEntrySchema = Type.Object({
  id: Type.String(),
  original: Type.String({ description: 'The name as it appears in the transcripts' }),
  pseudonym: Type.String({ description: 'What replaces it' }),
  kind: PseudonymKindSchema,
  notes: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const CreateEntryBody = Type.Object({ original: Name, pseudonym: Name, kind: Type.Optional(PseudonymKindSchema), notes: Type.Optional(Notes) });
export const UpdateEntryBody = Type.Object({ original: Type.Optional(Name), pseudonym: Type.Optional(Name), kind: Type.Optional(PseudonymKindSchema), notes: Type.Optional(Notes) });

export const CandidateSchema = Type.Object({
  text: Type.String(),
  count: Type.Integer({ description: 'Occurrences across the transcripts' }),
  documents: Type.Integer({ description: 'Transcripts it occurs in' }),
  example: Type.Object({ documentId: Type.String(), documentName: Type.String(), contextBefore: Type.String(), text: Type.String(), contextAfter: Type.String() }),
});

export const ApplyScopeBody = Type.Object({
  documentIds: Type.Array(Type.String(), { minItems: 1, maxItems: 10_000, description: 'The transcripts to pseudonymise' }),
  entryIds: Type.Optional(Type.Array(Type.String(), { maxItems: 10_000, description: 'Only these key-list entries (default: all)' })),
});

export const PreviewSchema = Type.Object({
  total: Type.Integer({ description: 'Replacements over all chosen documents' }),
  documents: Type.Array(Type.Object({
    documentId: Type.String(),
    documentName: Type.String(),
    revisionId: Type.String({ description: 'The revision previewed: applying refuses (409) when the text changed meanwhile' }),
    count: Type.Integer(),
    byEntry: Type.Array(Type.Object({ entryId: Type.String(), original: Type.String(), pseudonym: Type.String(), count: Type.Integer() })),
    occurrences: Type.Array(Type.Object({
      entryId: Type.String(), start: Type.Integer({ description: 'UTF-16 offset in the current text' }), end: Type.Integer(),
      found: Type.String(), replacement: Type.String(), contextBefore: Type.String(), contextAfter: Type.String(),
    }), { description: 'The first 200 occurrences of the document' }),
  })),
});

export const ApplyBody = Type.Object({
  ...ApplyScopeBody.properties,
  baseRevisionIds: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'documentId → revisionId from the preview' })),
  removeOriginals: Type.Optional(Type.Boolean({ description: 'Also delete the imported file of each transcript that changed (it still holds the original names)' })),
});

export const ApplyResultSchema = Type.Object({
  total: Type.Integer(),
  eventId: Type.Integer({ description: 'The audit event of this use of the key list' }),
  originalsRemoved: Type.Integer({ description: 'Imported files deleted (with `removeOriginals`)' }),
  documents: Type.Array(Type.Object({
    documentId: Type.String(), documentName: Type.String(), replaced: Type.Integer(),
    revision: Type.Union([Type.Object({ id: Type.String(), number: Type.Integer() }), Type.Null()], { description: 'Null when nothing was found in it' }),
    segments: Type.Object({ anchored: Type.Integer(), orphaned: Type.Integer() }),
  })),
});
