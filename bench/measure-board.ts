import { spawn } from 'node:child_process';
import { request, Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { MONDAY } from './measure-kit.ts';
import { freshDatabase, seedDistrict } from './seed.ts';

/** One GET on a kept-alive connection: its status and the milliseconds to its first byte. */
function get(agent: Agent, port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; firstByteMs: number; etag: string | undefined }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      const firstByteMs = performance.now() - started;
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, firstByteMs, etag: res.headers.etag }));
    });
    req.on('error', reject);
    req.end();
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The public board with `tasks` public tasks, served by a process of its own as the bot serves it
 * (board-server.ts): the time to first byte of `/`, warm (its data built, its page rendered once),
 * and how many requests a second it answers with If-None-Match (304) to `connections` clients on
 * loopback for `seconds`; then the server's peak RSS.
 */
export async function board({ tasks, seconds, connections }: { tasks: number; seconds: number; connections: number }) {
  const { db, path } = await freshDatabase();
  await db.destroy();
  seedDistrict(path, tasks, 12, MONDAY);
  const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./board-server.ts', import.meta.url))], { env: { ...process.env, DATABASE_URL: path }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = (async function* () {
    let buffered = '';
    for await (const chunk of server.stdout!) {
      buffered += chunk;
      let at: number;
      while ((at = buffered.indexOf('\n')) >= 0) {
        yield buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
      }
    }
  })();
  const port = Number((await lines.next()).value);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const cold = await get(agent, port, '/');
  const warm: number[] = [];
  for (let i = 0; i < 200; i += 1) warm.push((await get(agent, port, '/')).firstByteMs);
  const etag = cold.etag!;
  let answered = 0;
  let notModified = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < until) {
      const answer = await get(agent, port, '/', { 'If-None-Match': etag });
      answered += 1;
      if (answer.status === 304) notModified += 1;
    }
  }));
  agent.destroy();
  server.stdin!.end();
  const peakRssMb = Number((await lines.next()).value);
  return { tasks, coldMs: cold.firstByteMs, warmFirstByteMs: median(warm), perSecond: answered / seconds, notModified: notModified / answered, peakRssMb };
}
