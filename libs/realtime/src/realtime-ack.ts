// One door for every client event: the token is still valid, the connection has budget left,
// the payload passes its DTO, and any failure becomes { ok: false, error: { code, message } } —
// never a crash or a silent drop.
import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { LiveAck } from '#libs/contracts';
import {
  assertCleanInput,
  DomainError,
  flattenValidationErrors,
  normalizeIds,
  toApiError,
  TokenExpiredError,
  ValidationFailedError,
} from '#libs/common';
import type { RealtimeSocket } from './channels.js';
import { EventBudget } from './event-budget.service.js';

const logger = new Logger('RealtimeAck');

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

type LiveAckError = Extract<LiveAck<never>, { ok: false }>['error'];

export function toLiveError(error: unknown): LiveAckError {
  const api = toApiError(error);
  if (api.statusCode === 503) {
    // The database is away: one line per event, not a stack trace, during an outage.
    logger.warn(`${api.code}: ${error instanceof Error ? error.message : ''}`);
  } else if (!(error instanceof DomainError)) {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  return { code: api.code, message: api.message };
}

export interface AckOptions {
  /** Budget points the event costs (default 1; reads that return much cost more). */
  cost?: number;
  /** auth.renew is accepted with an expired token: that is what renewing is for. */
  allowExpiredToken?: boolean;
}

/** Runs every client event's handler and answers with a LiveAck. */
@Injectable()
export class RealtimeAcks {
  constructor(private readonly budget: EventBudget) {}

  async run<D extends object, R>(
    socket: RealtimeSocket,
    dto: Class<D>,
    payload: unknown,
    handler: (input: D) => Promise<R>,
    options: AckOptions = {},
  ): Promise<LiveAck<R>> {
    try {
      if (!options.allowExpiredToken && Date.now() >= socket.data.tokenExpiresAt)
        throw new TokenExpiredError();
      // Spent before validation: a flood of malformed events costs the sender too.
      await this.budget.spend(socket.id, options.cost ?? 1);
      const input = await validatePayload(dto, payload);
      return { ok: true, data: await handler(input) };
    } catch (error) {
      return { ok: false, error: toLiveError(error) };
    }
  }
}
