import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify compiles every route's validators and response serializers while the server starts: with
 * some 300 routes that was about a second of each start (issue 9: serving within 3 s of start).
 * These wrappers compile a route's schema the first time the route is used instead; a schema is
 * still compiled once, and the API tests use every route, so a broken schema still fails them.
 */
export function lazy<A extends unknown[], R>(compile: () => (...args: A) => R): (...args: A) => R {
  let compiled: ((...args: A) => R) | undefined;
  return (...args) => (compiled ??= compile())(...args);
}

/** A validator that compiles on first use and, like Ajv's, carries the last call's `errors`. */
export function lazyValidator<T extends { (data: unknown): boolean; errors?: unknown }>(compile: () => T) {
  let compiled: T | undefined;
  const validate = (data: unknown) => {
    compiled ??= compile();
    const result = compiled(data);
    validate.errors = compiled.errors;
    return result;
  };
  validate.errors = undefined as T['errors'];
  return validate;
}

const defaultSerializers = SerializerSelector();

/** Fastify's own response serializer factory (fast-json-stringify), compiling each schema on first use. */
export const lazySerializerFactory: typeof defaultSerializers = (externalSchemas, options) => {
  const compileFor = defaultSerializers(externalSchemas, options);
  return (route) => lazy(() => compileFor(route));
};
