// One validation pipe for every body, query and (later) socket payload: unknown fields are
// refused, values are transformed to their declared types, failures become VALIDATION_FAILED,
// and ids continue in lower case (ids.ts).
import { type ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from './errors.js';
import { normalizeIdParam, normalizeIds } from './ids.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Global, so it runs before each parameter's own pipes (ParseUUIDPipe sees the lower case). */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') return super.transform(normalizeIdParam(value), metadata);
    const result: unknown = await super.transform(value, metadata);
    return metadata.type === 'body' || metadata.type === 'query' ? normalizeIds(result) : result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const message = details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ');
      return new ValidationFailedError(message || 'The request is not valid.', details);
    },
  });
}
