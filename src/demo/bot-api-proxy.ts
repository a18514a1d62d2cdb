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

/** A photo or document the bot sent: the emulator has no sendPhoto/sendDocument, so the proxy keeps them. */
export interface Upload {
  method: 'sendPhoto' | 'sendDocument';
  chatId: number;
  messageId: number;
  caption: string | undefined;
  /** The uploaded bytes, or undefined when the bot sent a file id Telegram already has. */
  bytes: Buffer | undefined;
  filename: string | undefined;
  fileId: string | undefined;
}

/** What to do with a call: answer it with an error instead, and/or hold the answer back. */
export type Fault = { status: number; description: string; retryAfter?: number; delayMs?: number } | { delayMs: number } | undefined;

/**
 * An HTTP proxy in front of telegram-test-api that records every call, answers the uploads the
 * emulator lacks (sendPhoto, sendDocument), and can inject Telegram's failures — 429 with
 * retry_after, 5xx, 403, slow answers — as a rule decides per call. Injected errors never reach
 * the emulator; everything else is forwarded as it came.
 */
export class BotApiProxy {
  readonly calls: SeenCall[] = [];
  readonly uploads: Upload[] = [];
  private nextMessageId = 900_000;
  private server: Server | undefined;
  rule: (call: SeenCall, index: number) => Fault = () => undefined;
  /** Milliseconds the n-th call (from 0) spends on its way before it lands, as on a slow network. */
  onTheWay: (method: string, index: number) => number = () => 0;
  private heldOrLanded = 0;

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

  /** Answers an upload as Telegram would, keeping what was sent: multipart with bytes, or JSON with a file id. */
  private async recordUpload(method: 'sendPhoto' | 'sendDocument', req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const field = method === 'sendPhoto' ? 'photo' : 'document';
    const type = String(req.headers['content-type'] ?? '');
    let fields: Record<string, unknown>;
    let bytes: Buffer | undefined;
    let filename: string | undefined;
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://local/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(body) }).formData();
      const file = form.get(field);
      if (file instanceof Blob) {
        bytes = Buffer.from(await file.arrayBuffer());
        filename = (file as File).name;
      }
      fields = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string'));
    } else {
      fields = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    }
    const chatId = Number(fields.chat_id);
    const messageId = this.nextMessageId++;
    this.calls.push({ method, chatId, arrivedAt: Date.now(), answeredAt: Date.now(), status: 200 });
    this.uploads.push({ method, chatId, messageId, caption: fields.caption as string | undefined, bytes, filename, fileId: typeof fields[field] === 'string' ? (fields[field] as string) : undefined });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: chatId < 0 ? 'group' : 'private' } } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = (req.url ?? '').split('/').pop() ?? '';
    if (method === 'sendPhoto' || method === 'sendDocument') return this.recordUpload(method, req, body, res);
    let chatId: number | undefined;
    try {
      const parsed = JSON.parse(body.toString('utf8') || '{}') as { chat_id?: unknown };
      chatId = parsed.chat_id === undefined ? undefined : Number(parsed.chat_id);
    } catch {
      chatId = undefined;
    }
    const held = this.onTheWay(method, this.heldOrLanded++);
    if (held > 0) await new Promise((resolve) => setTimeout(resolve, held));
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
