import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret token (for invitations and refresh tokens) and the hash we store of it. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
