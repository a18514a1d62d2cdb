import { createServer, type Server } from 'node:http';
import { floodLimit } from '../src/demo/bot-api-proxy.ts';

/**
 * A local Bot API stand-in for the bench: answers every call at once, as Telegram would, and,
 * with `perSecond`, answers 429 with retry_after to whatever exceeds that many sendMessage calls
 * in any one second. Records when each sendMessage landed.
 */
export class BotApiStandIn {
  readonly landed: number[] = [];
  tooMany = 0;
  private server: Server | undefined;
  private nextId = 1;

  constructor(private readonly perSecond = Infinity) {}

  async start(): Promise<string> {
    const limit = floodLimit(this.perSecond);
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const method = (req.url ?? '').split('/').pop() ?? '';
        const now = Date.now();
        if (method === 'sendMessage') {
          const fault = limit({ method, chatId: undefined, arrivedAt: now });
          if (fault && 'status' in fault) {
            this.tooMany += 1;
            res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 429, description: fault.description, parameters: { retry_after: fault.retryAfter } }));
            return;
          }
          this.landed.push(now);
        }
        const result = method === 'getMe' ? { id: 1, is_bot: true, first_name: 'duban', username: 'duban_bench_bot' } : { message_id: this.nextId++, date: Math.floor(now / 1000), chat: { id: 1, type: 'private' } };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
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
