import type pg from 'pg';
import { pgDriver } from '../../db/create-db';

/** The channel every server process of one database announces its committed changes on. */
export const CHANGES_CHANNEL = 'socprev_changes';

const RECONNECT_MS = 2_000;

/**
 * A dedicated PostgreSQL connection that `LISTEN`s on {@link CHANGES_CHANNEL} and calls `onWake`
 * for every notification, so each server's live poller reads new events as soon as any server
 * commits them instead of at its next poll. Reconnects by itself when the connection drops (the
 * poller keeps running meanwhile, so nothing is lost, only later).
 */
export class PgListener {
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly connectionString: string, private readonly onWake: () => void, private readonly onError: (error: unknown) => void = () => {}) {}

  /** Connects and listens (idempotent). */
  start() {
    if (this.client || this.stopped) return;
    const client = new (pgDriver().Client)({ connectionString: this.connectionString });
    this.client = client;
    client.on('notification', () => this.onWake());
    client.on('error', (error) => this.drop(client, error));
    client.on('end', () => this.drop(client));
    client.connect()
      .then(() => client.query(`LISTEN ${CHANGES_CHANNEL}`))
      // Events committed while no connection listened are found now.
      .then(() => this.onWake())
      .catch((error) => this.drop(client, error));
  }

  private drop(client: pg.Client, error?: unknown) {
    if (this.client !== client) return;
    this.client = null;
    if (error) this.onError(error);
    client.end().catch(() => {});
    if (this.stopped) return;
    this.retry ??= setTimeout(() => {
      this.retry = null;
      this.start();
    }, RECONNECT_MS);
    this.retry.unref();
  }

  async stop() {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }
}
