// Maps every thrown error to the one error shape { statusCode, code, message, details? }.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiError, ErrorCode } from '#libs/contracts';
import { DomainError, RateLimitedError } from './errors.js';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Errors raised by Express's body parser before Nest sees the request. */
interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

// Connection-level failures: PostgreSQL down, restarting, or refusing connections.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  return (
    (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) ||
    /Connection terminated|timeout exceeded when trying to connect/.test(e?.message ?? '')
  );
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof DomainError) {
    return {
      statusCode: error.status,
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response && 'message' in response
        ? String((response as { message: unknown }).message)
        : error.message;
    return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'INTERNAL', message };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unavailable; try again shortly.',
    };
  }
  const parserError = error as BodyParserError;
  if (parserError?.type === 'entity.too.large') {
    return {
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is too large.',
    };
  }
  if (parserError?.type === 'entity.parse.failed') {
    return {
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'The request body is not valid JSON.',
    };
  }
  const status = parserError?.status ?? parserError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      statusCode: status,
      code: CODE_BY_STATUS[status] ?? 'VALIDATION_FAILED',
      message: 'Bad request.',
    };
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side.' };
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toApiError(exception);
    if (body.statusCode === 503) {
      // The database is away: one line per request, not a stack trace, during an outage.
      this.logger.warn(`${body.code}: ${exception instanceof Error ? exception.message : ''}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (exception instanceof RateLimitedError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }
}
