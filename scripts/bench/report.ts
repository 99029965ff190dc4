/** Machine facts and memory of the process tree, for `npm run bench` reports. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export function machineFacts() {
  const cpus = os.cpus();
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  return {
    cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10, freeMemoryGb: Math.round((os.freemem() / 1024 ** 3) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`, node: process.version,
    commit: git(['rev-parse', '--short', 'HEAD']), uncommittedChanges: (git(['status', '--porcelain']) ?? '') !== '',
  };
}

/** Resident memory (MB) of a process and its descendants, from /proc (Linux); null elsewhere. */
export function processTreeRssMb(pid: number): number | null {
  const rssKb = (p: number): number => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      const own = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      return own + children.reduce((sum, child) => sum + rssKb(child), 0);
    } catch {
      return 0;
    }
  };
  if (!fs.existsSync(`/proc/${pid}`)) return null;
  return Math.round(rssKb(pid) / 1024);
}
