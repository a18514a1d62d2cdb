import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { MONDAY, TOKEN } from './measure-kit.ts';
import { freshDatabase, seedDistrict } from './seed.ts';
import { BotApiStandIn } from './stand-in.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A field of /proc/<pid>/status in MB (VmRSS now, VmHWM its peak). */
const statusMb = (pid: number, field: 'VmRSS' | 'VmHWM') => Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

/** The processes whose parent is `pid`. */
const childrenOf = (pid: number) => readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && (() => { try { return readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pid); } catch { return false; } })()).length;

/**
 * A district's bot (1,000 people, 2,000 tasks, 12 weeks answered) started as the Dockerfile and
 * the systemd unit start it — `node dist/src/main.js`, built first — polling a stand-in that has
 * nothing for it, idle for `seconds`: its resident memory then, its peak, and the processes it runs.
 */
export async function idleBot({ seconds }: { seconds: number }) {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const { db, path } = await freshDatabase();
  await db.destroy();
  seedDistrict(path, 2_000, 12, MONDAY);
  const standIn = new BotApiStandIn();
  const apiRoot = await standIn.start();
  const bot = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH, DATABASE_URL: path, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, PORT: String(await freePort()), LOG_LEVEL: 'warn', LEADERSHIP_CHAT_ID: '-1001234567890',
      // Nothing owed this week, whatever the day: idle means no catch-up sending at start.
      PROMPT_CRON: '59 23 * * 0', REMIND_CRON: '59 23 * * 0', DIGEST_CRON: '59 23 * * 0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const pid = bot.pid!;
  const result = { seconds, rssMb: statusMb(pid, 'VmRSS'), peakRssMb: statusMb(pid, 'VmHWM'), processes: 1 + childrenOf(pid), exited: bot.exitCode };
  bot.kill('SIGTERM');
  await new Promise((resolve) => bot.once('exit', resolve));
  await standIn.stop();
  return result;
}
