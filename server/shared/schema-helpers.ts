import { Type, type TSchema } from 'typebox';

/** `{ error: { code, message } }`, the one error shape (documented on every route). */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ examples: ['NOT_FOUND'] }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error', description: 'Every error the API returns' },
);

/** Standard error responses to spread into a route's `response` schema. */
export const errorResponses = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
};

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
