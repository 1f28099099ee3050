// One door for every live event: the token is still valid, the payload passes its DTO, and any
// failure becomes { ok: false, error: { code, message } } — never a crash or a silent drop.
import { Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { LiveAck } from '../../contracts/src/index.js';
import {
  assertCleanInput,
  DomainError,
  flattenValidationErrors,
  normalizeIds,
  toApiError,
  TokenExpiredError,
  ValidationFailedError,
} from '../../common/src/index.js';

const logger = new Logger('LiveAck');

type Class<T> = new () => T;

export async function validatePayload<T extends object>(
  dto: Class<T>,
  payload: unknown,
): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new ValidationFailedError('The payload must be an object.');
  }
  // The shared input gate (control characters, lone surrogates, prototype keys), with the depth
  // of flat live payloads, before class-transformer recurses into anything.
  assertCleanInput(payload, { root: 'payload', maxDepth: MAX_PAYLOAD_DEPTH });
  const instance = plainToInstance(dto, payload);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    const details = flattenValidationErrors(errors);
    throw new ValidationFailedError(
      details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; '),
    );
  }
  return normalizeIds(instance);
}

const MAX_PAYLOAD_DEPTH = 8;

export function toLiveError(error: unknown): { code: LiveAckError['code']; message: string } {
  const api = toApiError(error);
  if (api.statusCode === 503) {
    // The database is away: one line per event, not a stack trace, during an outage.
    logger.warn(`${api.code}: ${error instanceof Error ? error.message : ''}`);
  } else if (!(error instanceof DomainError)) {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  return { code: api.code, message: api.message };
}

type LiveAckError = Extract<LiveAck<never>, { ok: false }>['error'];

/** Runs a handler for a validated payload and answers with a LiveAck. */
export async function acknowledge<D extends object, R>(
  tokenExpiresAt: number | undefined,
  dto: Class<D>,
  payload: unknown,
  handler: (input: D) => Promise<R>,
): Promise<LiveAck<R>> {
  try {
    if (tokenExpiresAt !== undefined && Date.now() >= tokenExpiresAt) throw new TokenExpiredError();
    const input = await validatePayload(dto, payload);
    return { ok: true, data: await handler(input) };
  } catch (error) {
    return { ok: false, error: toLiveError(error) };
  }
}
