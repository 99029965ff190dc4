import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../../db/schema';
import { conflict } from '../../errors';
import { newId, nowIso } from '../../shared/ids';
import type { AuthUser } from '../auth/auth.service';
import { assertPasswordPolicy, hashPassword } from '../auth/password';
import { usersRepository } from './users.repository';

export interface NewAccount {
  email: string;
  name: string;
  password: string;
  isAdmin?: boolean;
}

export const toPublicUser = (u: UserRow): AuthUser => ({
  id: u.id, email: u.email, name: u.name, isAdmin: u.is_admin === 1, locale: u.locale,
});

/** Accounts: the first one is the server's administrator, who creates the others. */
export class UsersService {
  constructor(private readonly db: Kysely<Database>) {}

  async create(account: NewAccount): Promise<AuthUser> {
    const email = account.email.trim().toLowerCase();
    assertPasswordPolicy(account.password, email);
    if (await usersRepository.findByEmail(this.db, email)) {
      throw conflict('EMAIL_TAKEN', 'projectErrors.emailTaken', { email });
    }
    const now = nowIso();
    const row: UserRow = {
      id: newId(), email, name: account.name.trim(), password_hash: await hashPassword(account.password),
      is_admin: account.isAdmin ? 1 : 0, locale: null, created_at: now, updated_at: now,
    };
    try {
      await usersRepository.insert(this.db, row);
    } catch (error) {
      // Two requests racing for one address: the unique index decides.
      if (await usersRepository.findByEmail(this.db, email)) throw conflict('EMAIL_TAKEN', 'projectErrors.emailTaken', { email });
      throw error;
    }
    return toPublicUser(row);
  }

  /** Creates the first account as administrator; refuses once any account exists. */
  async createFirstAdmin(account: NewAccount): Promise<AuthUser> {
    if ((await usersRepository.count(this.db)) > 0) {
      throw conflict('ALREADY_SET_UP', 'projectErrors.alreadySetUp');
    }
    return this.create({ ...account, isAdmin: true });
  }

  /** At start: creates the owner from SOCPREV_ADMIN_EMAIL/PASSWORD when no account exists. */
  async ensureAdmin(admin: { email: string; password: string; name: string } | undefined): Promise<boolean> {
    if (!admin || (await usersRepository.count(this.db)) > 0) return false;
    try {
      await this.create({ ...admin, isAdmin: true });
    } catch (error) {
      // Several servers starting at once on one PostgreSQL: another one created the owner first.
      if ((await usersRepository.count(this.db)) > 0) return false;
      throw error;
    }
    return true;
  }
}
