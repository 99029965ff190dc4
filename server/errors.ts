/**
 * The one error shape of the API: `{ "error": { "code": "…", "message": "…" } }`.
 * Throw an `AppError` from anywhere; the error handler turns it into that response.
 */
export class AppError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The message key (`errors.…` in server/i18n) the error handler answers in the user's language. */
  messageKey?: string;
  messageParams?: Record<string, unknown>;

  /** Marks the message as translatable: the English `message` stays the same words as `errors.<key>` in English. */
  translatable(key: string, params?: Record<string, unknown>): this {
    this.messageKey = key;
    this.messageParams = params;
    return this;
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthorized = (message?: string) => (message ? new AppError(401, 'UNAUTHENTICATED', message) : new AppError(401, 'UNAUTHENTICATED', 'Please log in.').translatable('errors.unauthenticated'));
export const forbidden = (message?: string) =>
  (message ? new AppError(403, 'FORBIDDEN', message) : new AppError(403, 'FORBIDDEN', 'Your role in this project does not allow this.').translatable('errors.forbidden'));
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} was not found.`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);
