/** The one error type of the application: an HTTP-style status, a stable code and a message for people. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(400, code, message, details);
export const notFound = (message: string) => new AppError(404, 'not_found', message);
