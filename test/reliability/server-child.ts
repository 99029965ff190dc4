import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../helpers/server-process';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

export interface ServerChild {
  url: string;
  child: ChildProcess;
  logs: () => string;
  /** Sends `signal` and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `server/main.ts` as ONE node process (`node --import tsx`, not the tsx CLI, which runs
 * the server in a grandchild that a SIGKILL would not reach) on a free port, with the given
 * DATA_DIR, so a test can kill it hard and start it again on the same data.
 */
export async function startServerAt(dataDir: string, env: Record<string, string> = {}): Promise<ServerChild> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEARCH_SNAPSHOTS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, child, logs: () => output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await gone;
    },
  };
}
