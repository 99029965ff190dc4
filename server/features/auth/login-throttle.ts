import { AppError } from '../../errors';

/** How failed log-ins slow down further attempts. */
export interface ThrottlePolicy {
  /** Failures allowed before the first wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
  /** Failures are forgotten after this long without a new one. */
  forgetAfterMs: number;
}

/** Per account: 5 free failures, then 1 s, 2 s, 4 s … capped at 15 minutes. */
export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
/** Per IP address: more free failures (a team behind one NAT), the same back-off. */
export const IP_POLICY: ThrottlePolicy = { freeFailures: 20, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/** The wait after `failures` consecutive failures under `policy` (0 while still free). */
export function backoffDelay(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const exponent = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/**
 * Exponential back-off for log-in attempts, per account (e-mail) and per client IP, kept in
 * memory (one server process; a restart forgets it). While a key is blocked, no password is
 * even checked: the caller gets 429 with `Retry-After`. A successful log-in clears the account's
 * failures; the IP's failures fade only with time, so one valid account cannot reset them.
 */
export class LoginThrottle {
  private readonly accounts = new Map<string, Entry>();
  private readonly addresses = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly accountPolicy: ThrottlePolicy = ACCOUNT_POLICY,
    private readonly ipPolicy: ThrottlePolicy = IP_POLICY,
  ) {}

  /** Milliseconds until `email` may try again from `ip` (0 = now). */
  waitFor(email: string, ip: string): number {
    const now = this.now();
    const account = this.current(this.accounts, email.trim().toLowerCase(), this.accountPolicy, now);
    const address = this.current(this.addresses, ip, this.ipPolicy, now);
    return Math.max(0, (account?.blockedUntil ?? 0) - now, (address?.blockedUntil ?? 0) - now);
  }

  /** Throws 429 `LOGIN_THROTTLED` (with `retryAfterSeconds`) while either key must wait. */
  assertAllowed(email: string, ip: string): void {
    const wait = this.waitFor(email, ip);
    if (wait <= 0) return;
    const seconds = Math.ceil(wait / 1000);
    throw new AppError(
      429,
      'LOGIN_THROTTLED',
      'errors.loginThrottled',
      { count: seconds },
      { retryAfterSeconds: seconds },
    );
  }

  /** Records a failed attempt; returns the failure counts (for the audit log). */
  recordFailure(email: string, ip: string): { accountFailures: number; ipFailures: number } {
    const now = this.now();
    return {
      accountFailures: this.bump(this.accounts, email.trim().toLowerCase(), this.accountPolicy, now),
      ipFailures: this.bump(this.addresses, ip, this.ipPolicy, now),
    };
  }

  /** Clears the account's failures after a successful log-in. */
  recordSuccess(email: string): void {
    this.accounts.delete(email.trim().toLowerCase());
  }

  private current(map: Map<string, Entry>, key: string, policy: ThrottlePolicy, now: number): Entry | undefined {
    const entry = map.get(key);
    if (entry && now - entry.lastFailureAt > policy.forgetAfterMs && now >= entry.blockedUntil) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private bump(map: Map<string, Entry>, key: string, policy: ThrottlePolicy, now: number): number {
    const entry = this.current(map, key, policy, now) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0 };
    entry.failures += 1;
    entry.lastFailureAt = now;
    entry.blockedUntil = now + backoffDelay(entry.failures, policy);
    map.delete(key); // re-insert: the map stays ordered from least to most recently failed
    map.set(key, entry);
    if (map.size > 100_000) this.prune(map, policy, now);
    return entry.failures;
  }

  /** Drops forgotten, then the least recently failed entries, so a flood of invented e-mails cannot grow memory. */
  private prune(map: Map<string, Entry>, policy: ThrottlePolicy, now: number) {
    for (const [key] of map) this.current(map, key, policy, now);
    for (const [key] of map) {
      if (map.size <= 90_000) break;
      map.delete(key);
    }
  }
}
