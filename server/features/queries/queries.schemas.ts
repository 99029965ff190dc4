import { Type } from 'typebox';
import { Nullable } from '../../shared/schema-helpers';

export const QueryFiltersSchema = Type.Object({
  respondentGroup: Type.Optional(Type.Union([Type.Literal('international'), Type.Literal('belgian')])),
  language: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('fr'), Type.Literal('en'), Type.Literal('other')])),
  attributeId: Type.Optional(Type.String({ minLength: 1, description: 'Only documents whose attribute has `attributeValue`' })),
  attributeValue: Type.Optional(Type.String()),
  coderId: Type.Optional(Type.String({ minLength: 1, description: 'Only segments coded by this coder' })),
  documentIds: Type.Optional(Type.Array(Type.String(), { maxItems: 10_000, description: 'Only these documents' })),
}, { description: 'Which documents (and whose segments) take part' });

const Expression = Type.String({
  minLength: 1, maxLength: 4000,
  description: 'Codes in [brackets] (a path with >, + for sub-codes) combined with NOT, AND, AND/TURN, NEAR/n, OR and parentheses',
  examples: ['([Relapse] OR [Housing]+) AND/TURN [Cost-effectiveness > Cost per client]'],
});
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const RunQueryBody = Type.Object({ expression: Expression, filters: Type.Optional(QueryFiltersSchema) });
export const SaveQueryBody = Type.Object({ name: Name, expression: Expression, filters: Type.Optional(QueryFiltersSchema) });
export const UpdateQueryBody = Type.Object({ name: Type.Optional(Name), expression: Type.Optional(Expression), filters: Type.Optional(QueryFiltersSchema) });

export const QueryParams = Type.Object({ projectId: Type.String(), queryId: Type.String() });

export const PassageSchema = Type.Object({
  documentId: Type.String(),
  documentName: Type.String(),
  start: Type.Integer({ description: 'UTF-16 offset in the current text' }),
  end: Type.Integer(),
  text: Type.String(),
  contextBefore: Type.String(),
  contextAfter: Type.String(),
  speaker: Nullable(Type.String({ description: 'Speaker of the turn the passage starts in' })),
  speakerRole: Nullable(Type.String()),
  codes: Type.Array(Type.Object({ codeId: Type.String(), name: Type.String(), path: Type.String() }), { description: "The query's codes on the passage's segments" }),
  segmentIds: Type.Array(Type.String(), { description: 'The coded segments the passage is built from' }),
});

export const QueryResultSchema = Type.Object({
  expression: Type.String(),
  passages: Type.Array(PassageSchema),
  documents: Type.Integer({ description: 'Documents with at least one passage' }),
});

export const SavedQuerySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  expression: Type.String(),
  filters: QueryFiltersSchema,
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
