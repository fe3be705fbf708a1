import type { z } from 'zod';
import { badRequest } from '../domain/errors.ts';

/** Parses an input with its schema; a mismatch is a 400 naming each field and what it expects. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({
    field: i.path.join('.') || 'input',
    message: i.message,
  }));
  throw badRequest(
    'invalid_input',
    errors.map((e) => (e.field === 'input' ? e.message : `${e.field}: ${e.message}`)).join('; '),
    { errors },
  );
}
