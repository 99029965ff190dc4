import argon2 from 'argon2';
import { badRequest } from '../../errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../shared/password-policy';

// OWASP's recommended argon2id settings: 19 MiB memory, 2 iterations, 1 lane.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;


/** Hashes a password with argon2id; the result carries its own parameters and salt. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

/** True when `password` matches `hash`; false (never an exception) for a malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Throws a 400 with a readable reason when a new password is too weak. */
export function assertPasswordPolicy(password: string, email?: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw badRequest('WEAK_PASSWORD', 'errors.passwordShort', { count: PASSWORD_MIN_LENGTH });
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw badRequest('WEAK_PASSWORD', 'errors.passwordLong', { count: PASSWORD_MAX_LENGTH });
  }
  if (new Set(password).size < 4) {
    throw badRequest('WEAK_PASSWORD', 'errors.passwordRepeats');
  }
  if (email && password.toLowerCase().includes(email.split('@')[0]!.toLowerCase())) {
    throw badRequest('WEAK_PASSWORD', 'errors.passwordEmail');
  }
}

/** Spends about the time of a real verification, so unknown e-mails cannot be told apart by timing. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-0');
  await verifyPassword(await dummyHash, password);
}
