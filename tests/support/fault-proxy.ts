import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One Bot API call as the proxy saw it. */
export interface SeenCall {
  method: string;
  chatId: number | undefined;
  arrivedAt: number;
  answeredAt?: number;
  /** The status the proxy answered with: injected, or the emulator's. */
  status?: number;
}

/** What to do with a call: answer it with an error instead, and/or hold the answer back. */
export type Fault = { status: number; description: string; retryAfter?: number; delayMs?: number } | { delayMs: number } | undefined;

/**
 * An HTTP proxy in front of telegram-test-api that injects Telegram's failures — 429 with
 * retry_after, 5xx, 403, slow answers — as a rule decides per call, and records every call.
 * Injected errors never reach the emulator; everything else is forwarded as it came.
 */
export class FaultProxy {
  readonly calls: SeenCall[] = [];
  private server: Server | undefined;
  rule: (call: SeenCall, index: number) => Fault = () => undefined;

  constructor(private readonly upstream: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  sendsTo(chatId: number): SeenCall[] {
    return this.calls.filter((call) => call.method === 'sendMessage' && call.chatId === chatId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = (req.url ?? '').split('/').pop() ?? '';
    let chatId: number | undefined;
    try {
      const parsed = JSON.parse(body.toString('utf8') || '{}') as { chat_id?: unknown };
      chatId = parsed.chat_id === undefined ? undefined : Number(parsed.chat_id);
    } catch {
      chatId = undefined;
    }
    const call: SeenCall = { method, chatId, arrivedAt: Date.now() };
    const index = this.calls.push(call) - 1;
    const fault = this.rule(call, index);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

    if (fault && 'status' in fault) {
      const answer = { ok: false, error_code: fault.status, description: fault.description, ...(fault.retryAfter === undefined ? {} : { parameters: { retry_after: fault.retryAfter } }) };
      call.status = fault.status;
      call.answeredAt = Date.now();
      res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      return;
    }
    const upstream = new URL(req.url ?? '/', this.upstream);
    const forwarded = request(upstream, { method: req.method, headers: { ...req.headers, host: upstream.host } }, (answer) => {
      call.status = answer.statusCode;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res).on('finish', () => (call.answeredAt = Date.now()));
    });
    forwarded.on('error', () => res.writeHead(502).end());
    forwarded.end(body);
  }
}

/**
 * A stand-in for Telegram's global flood limit: more than `perSecond` sendMessage calls landing
 * within any one second get 429 with retry_after, as Telegram answers.
 */
export function floodLimit(perSecond: number): (call: SeenCall) => Fault {
  const landed: number[] = [];
  return (call) => {
    if (call.method !== 'sendMessage') return undefined;
    while (landed.length > 0 && landed[0]! <= call.arrivedAt - 1000) landed.shift();
    if (landed.length >= perSecond) return { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 };
    landed.push(call.arrivedAt);
    return undefined;
  };
}
