import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie or API token (URL-safe text, 256 bits). */
export function randomSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** sha256 of a secret: only this is stored, so a database leak does not leak live secrets. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
