// Domain errors: each says what went wrong in the product's words and carries a stable code.
// They are mapped once to the HTTP error shape (ApiExceptionFilter) and later to socket acks.
import type { ErrorCode } from '#libs/contracts';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('VALIDATION_FAILED', 400, message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in to continue.') {
    super('UNAUTHENTICATED', 401, message);
  }
}

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 401, 'The email or password is not correct.');
  }
}

export class AccountSuspendedError extends DomainError {
  constructor() {
    super('ACCOUNT_SUSPENDED', 403, 'This account is suspended.');
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You may not do this.') {
    super('FORBIDDEN', 403, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', 404, `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', 409, message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
  ) {
    super('RATE_LIMITED', 429, message, { retryAfterSeconds });
  }
}

export class TokenExpiredError extends DomainError {
  constructor() {
    super('TOKEN_EXPIRED', 401, 'The access token has expired; refresh it.');
  }
}
