import path from 'node:path';

/** Runtime configuration, read once from the environment (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` for PostgreSQL; undefined means the embedded SQLite database in `dataDir`. */
  databaseUrl: string | undefined;
  logLevel: string;
  /** Largest accepted upload, per file, in bytes. */
  maxUploadBytes: number;
  /** Largest accepted upload request, all files together, in bytes. */
  maxUploadTotalBytes: number;
  /** Most files accepted in one upload request. */
  maxUploadFiles: number;
  /** Longest time the reading step of one import may take before it is stopped (IMPORT_TIME_LIMIT_SECONDS, default 60). */
  importTimeLimitMs: number;
  /** Session lifetime in hours (sliding). */
  sessionTtlHours: number;
  /** Serve the session cookie with `Secure` (set when behind HTTPS). */
  secureCookies: boolean;
  admin: { email: string; password: string; name: string } | undefined;
  /** Keep search index snapshots in `<dataDir>/search-index` (unloaded and at shutdown). */
  searchSnapshots: boolean;
  /** Which reverse proxies to believe about the client's address (Fastify's `trustProxy`); false: none. */
  trustProxy: boolean | string[];
}

/** `TRUST_PROXY`: unset or 0 → trust none; 1/true → trust any proxy; else the proxies' addresses/CIDRs, comma-separated. */
function trustProxyFrom(raw: string | undefined): boolean | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  return value.split(',').map((a) => a.trim()).filter(Boolean);
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min} (got "${raw}")`);
  }
  return value;
}

/** Reads the configuration from `env`; throws a readable error on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const email = env.SOCPREV_ADMIN_EMAIL?.trim();
  const password = env.SOCPREV_ADMIN_PASSWORD;
  if ((email && !password) || (!email && password)) {
    throw new Error('Set both SOCPREV_ADMIN_EMAIL and SOCPREV_ADMIN_PASSWORD, or neither');
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  }
  return {
    port: intFrom(env, 'PORT', 8080, 0),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR?.trim() || 'data'),
    databaseUrl,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    maxUploadBytes: intFrom(env, 'MAX_UPLOAD_MB', 25) * 1024 * 1024,
    maxUploadTotalBytes: intFrom(env, 'MAX_UPLOAD_TOTAL_MB', 200) * 1024 * 1024,
    maxUploadFiles: intFrom(env, 'MAX_UPLOAD_FILES', 50),
    importTimeLimitMs: intFrom(env, 'IMPORT_TIME_LIMIT_SECONDS', 60) * 1000,
    sessionTtlHours: intFrom(env, 'SESSION_TTL_HOURS', 24 * 14),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    searchSnapshots: env.SEARCH_SNAPSHOTS !== '0',
    admin: email && password ? { email, password, name: env.SOCPREV_ADMIN_NAME?.trim() || 'Administrator' } : undefined,
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
  };
}
