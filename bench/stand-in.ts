import { createServer, type Server } from 'node:http';
import { floodLimit } from '../src/demo/bot-api-proxy.ts';

export interface StandInOptions {
  /** Telegram's global limit; more in any one second, counted on arrival, get 429. */
  perSecond?: number;
  /** Each call's round trip, drawn evenly from this range: half on the way there, half back. */
  roundTripMs?: readonly [number, number];
  /** A path that answers with what landed, for a stand-in in another process. */
  reportPath?: string;
}

/** One sendMessage as it landed. */
export interface Landed {
  at: number;
  chatId: number;
  text: string;
}

/**
 * A local Bot API stand-in for the bench, behaving as Telegram does from a server some distance
 * away: a call lands half its round trip after it left and is answered half a round trip later;
 * with `perSecond`, whatever exceeds that many sendMessage calls landing in any one second, or
 * two to one private chat within a second, is answered 429 with retry_after. Records each
 * sendMessage that landed.
 */
export class BotApiStandIn {
  readonly landed: Landed[] = [];
  tooMany = 0;
  private server: Server | undefined;
  private nextId = 1;

  constructor(private readonly options: StandInOptions = {}) {}

  async start(): Promise<string> {
    const limit = floodLimit(this.options.perSecond ?? Infinity, { perChatIntervalMs: 1000 });
    const [min, max] = this.options.roundTripMs ?? [0, 0];
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.url === this.options.reportPath) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ landed: this.landed, tooMany: this.tooMany }));
        const roundTrip = min + Math.random() * (max - min);
        const later = (ms: number, then: () => void) => (ms > 0 ? setTimeout(then, ms) : then());
        later(roundTrip / 2, () => {
          const method = (req.url ?? '').split('/').pop() ?? '';
          const now = Date.now();
          const answer = (status: number, body: unknown) => later(roundTrip / 2, () => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
          if (method === 'sendMessage') {
            const { chat_id: chatId, text } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { chat_id: number; text: string };
            const fault = limit({ method, chatId, arrivedAt: now });
            if (fault && 'status' in fault) {
              this.tooMany += 1;
              return answer(429, { ok: false, error_code: 429, description: fault.description, parameters: { retry_after: fault.retryAfter } });
            }
            this.landed.push({ at: now, chatId, text });
          }
          // Nobody writes to an idle bot: a long poll is held a second (not its 50), then answered empty.
          if (method === 'getUpdates') return void setTimeout(() => answer(200, { ok: true, result: [] }), 1_000);
          const result =
            method === 'getMe' ? { id: 1, is_bot: true, first_name: 'duban', username: 'duban_bench_bot' }
            : method === 'answerCallbackQuery' || method === 'deleteWebhook' || method === 'setWebhook' ? true
            : { message_id: this.nextId++, date: Math.floor(now / 1000), chat: { id: 1, type: 'private' } };
          answer(200, { ok: true, result });
        });
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/**
 * The stand-in in a process of its own, as Telegram is another machine: the sender's process
 * then spends nothing on answering itself. `GET /__landed` on it reports what landed.
 */
export async function standInProcess(options: StandInOptions): Promise<{ apiRoot: string; report(): Promise<{ landed: Landed[]; tooMany: number }>; stop(): void }> {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./stand-in-process.ts', import.meta.url)), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const apiRoot = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
  });
  return {
    apiRoot,
    report: async () => (await (await fetch(`${apiRoot}/__landed`)).json()) as { landed: Landed[]; tooMany: number },
    stop: () => void child.kill(),
  };
}
