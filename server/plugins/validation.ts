import { Ajv, type Options } from 'ajv';
import formats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { lazyValidator } from './lazy-compile';

const COMMON: Options = { removeAdditional: true, useDefaults: true, allErrors: false, strict: false };

/**
 * Validation with two rule sets: query strings, params and headers are text on the wire, so their
 * values are coerced to the schema's types (`?limit=5` → 5); JSON bodies are validated as sent,
 * never coerced (a `null` stays null instead of becoming `""`). Each schema compiles on the route's first use.
 */
export function installValidation(app: FastifyInstance) {
  // ajv-formats is CommonJS: its plugin function is the module itself under tsx/Node, `.default` under TypeScript's view.
  const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv) => Ajv;
  const coercing = addFormats(new Ajv({ ...COMMON, coerceTypes: 'array' }));
  const strict = addFormats(new Ajv({ ...COMMON, coerceTypes: false }));
  app.setValidatorCompiler(({ schema, httpPart }) => lazyValidator(() => (httpPart === 'body' ? strict : coercing).compile(schema)));
}
