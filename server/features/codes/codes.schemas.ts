import { Type } from 'typebox';
import { Nullable } from '../../shared/schema-helpers';

export const CodeSchema = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  name: Type.String(),
  color: Type.String(),
  definition: Type.String(),
  inclusion: Type.String(),
  exclusion: Type.String(),
  example: Type.String(),
  position: Type.Integer(),
  archived: Type.Boolean(),
  codingCount: Type.Integer(),
  documentCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
const LongText = Type.String({ maxLength: 10_000 });

export const CreateCodeBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  parentId: Type.Optional(Nullable(Type.String())),
  color: Type.Optional(Color),
  definition: Type.Optional(LongText),
  inclusion: Type.Optional(LongText),
  exclusion: Type.Optional(LongText),
  example: Type.Optional(LongText),
});

export const UpdateCodeBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  color: Type.Optional(Color),
  definition: Type.Optional(LongText),
  inclusion: Type.Optional(LongText),
  exclusion: Type.Optional(LongText),
  example: Type.Optional(LongText),
  archived: Type.Optional(Type.Boolean()),
});

export const CodeParams = Type.Object({ projectId: Type.String(), codeId: Type.String() });
