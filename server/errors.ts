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
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthorized = (message = 'Please log in.') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'Your role in this project does not allow this.') =>
  new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} was not found.`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);
