import type { ErrorMessages } from './i18n/messages';
import { translator } from './i18n/translator';

type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
type WithoutPlural<K> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** A sentence of the server's error catalogs (server/i18n/locales/<locale>/errors*.json). */
export type ErrorKey = WithoutPlural<Paths<ErrorMessages>>;
/** The things `notFound` can name (`errors.notFound.<thing>`). */
export type MissingThing = keyof ErrorMessages['errors']['notFound'];

/**
 * The one error shape of the API: `{ "error": { "code": "…", "message": "…" } }`.
 * Throw an `AppError` from anywhere; the error handler turns it into that response, with the
 * sentence in the user's language. Every sentence is a key of the error catalogs, so none can be
 * left untranslated (the compiler checks the key, a test checks all three languages); `message`
 * holds the English sentence for logs.
 */
export class AppError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly code: string,
    public readonly messageKey: ErrorKey,
    public readonly messageParams?: Record<string, unknown>,
    public readonly details?: unknown,
  ) {
    super(translator('en').t(messageKey, messageParams));
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, key: ErrorKey, params?: Record<string, unknown>, details?: unknown) =>
  new AppError(400, code, key, params, details);
export const unauthorized = (key: ErrorKey = 'errors.unauthenticated', params?: Record<string, unknown>) =>
  new AppError(401, 'UNAUTHENTICATED', key, params);
export const forbidden = (key: ErrorKey = 'errors.forbidden', params?: Record<string, unknown>) =>
  new AppError(403, 'FORBIDDEN', key, params);
export const notFound = (thing: MissingThing, params?: Record<string, unknown>) =>
  new AppError(404, 'NOT_FOUND', `errors.notFound.${thing}`, params);
export const conflict = (code: string, key: ErrorKey, params?: Record<string, unknown>, details?: unknown) =>
  new AppError(409, code, key, params, details);
