// Access tokens signed like the API's own, for tests that need one it would not issue (expired,
// short-lived, claiming another role). They name the person's real signed-in session (`sid`),
// which the API checks on every request and handshake.
import { JwtService } from '@nestjs/jwt';
import type { TestPerson } from '../factories/accounts.js';
import { TEST_JWT_SECRET } from './test-app.js';

const jwt = new JwtService({ secret: TEST_JWT_SECRET, signOptions: { algorithm: 'HS256' } });

/** The signed-in session a token belongs to. */
export function sessionOf(token: string): string {
  return jwt.decode<{ sid: string }>(token).sid;
}

/** When a token expires, in ms since the epoch. */
export function expiryOf(token: string): number {
  return (jwt.decode<{ exp: number }>(token).exp ?? 0) * 1000;
}

/** A token for `person`'s session, living `seconds` (negative: already expired), with `claims` over the usual ones. */
export function signTestToken(
  person: TestPerson,
  seconds: number,
  claims: Record<string, unknown> = {},
): string {
  return jwt.sign(
    {
      sub: person.id,
      role: person.networkRole,
      iam: Date.now(),
      sid: sessionOf(person.token),
      ...claims,
    },
    { expiresIn: seconds },
  );
}
