import { SourceError } from './sources/source-error.ts';

/**
 * The message of an error that stops a run at the source (network, an error answer, a body
 * that cannot be read): the run reports it and keeps what it stored. Anything else (the
 * store failing, a bug) is rethrown.
 */
export function sourceStopReason(error: unknown): string {
  if (error instanceof SourceError) return error.message;
  throw error;
}
