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

/**
 * A photo or document the bot sent: the emulator has no sendPhoto, sendDocument or
 * sendMediaGroup, so the proxy keeps them; an album's photos are one upload each, in order.
 */
export interface Upload {
  method: 'sendPhoto' | 'sendDocument' | 'sendMediaGroup';
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
 *
 * Like Telegram, and unlike the emulator, it keeps every update until a `getUpdates` with a
 * higher offset confirms it, so that a bot killed before confirming gets it again; `inject` adds
 * updates the emulator cannot make (an edited message, a burst from many people). With
 * `roundTrip` set, each call spends half its round trip on the way there (when it lands, and is
 * counted) and half on the way back, as Telegram does from a server 120–200 ms away.
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
  /** Milliseconds a call's round trip takes, drawn per call; undefined: none. */
  roundTrip: ((method: string) => number) | undefined;
  private readonly kept: Record<string, unknown>[] = [];
  /** Files people sent, by file id, as Telegram keeps them for `getFile` and its file URL. */
  private readonly hosted = new Map<string, Buffer>();
  private nextUpdateId = 1;
  private upstreamSeen = 0;
  private lastHandedOut = 0;

  constructor(private readonly upstream: string) {}

  async start(): Promise<string> {
    // The emulator going away under a call (at shutdown) is a 502, as from a real gateway, not a crash.
    this.server = createServer((req, res) => void this.handle(req, res).catch(() => res.headersSent || res.writeHead(502).end()));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Adds updates as Telegram would deliver them, numbered after every update so far. */
  inject(...updates: Record<string, unknown>[]): void {
    for (const update of updates) this.kept.push({ ...update, update_id: this.nextUpdateId++ });
  }

  /**
   * Keeps a file as Telegram does when a person sends one: the bot's `getFile` then answers with
   * its path, and `/file/bot<token>/<path>` serves its bytes. The emulator has neither.
   */
  hostFile(fileId: string, bytes: Buffer): void {
    this.hosted.set(fileId, bytes);
  }

  private answerGetFile(body: Buffer, res: ServerResponse): void {
    const { file_id: fileId } = JSON.parse(body.toString('utf8') || '{}') as { file_id?: string };
    const bytes = fileId === undefined ? undefined : this.hosted.get(fileId);
    const answer = bytes
      ? { ok: true, result: { file_id: fileId, file_unique_id: fileId, file_size: bytes.length, file_path: `documents/${encodeURIComponent(fileId!)}` } }
      : { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' };
    res.writeHead(bytes ? 200 : 400, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private serveFile(url: string, res: ServerResponse): void {
    const fileId = decodeURIComponent(url.split('/documents/')[1] ?? '');
    const bytes = this.hosted.get(fileId);
    if (bytes) res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
    else res.writeHead(404).end();
  }

  /** Updates not yet confirmed by a later offset, handed out or not. */
  get unconfirmed(): number {
    return this.kept.length;
  }

  /** Updates handed out to the bot and not yet confirmed: the ones a bot killed now has in hand. */
  get inHand(): number {
    return this.kept.filter((update) => (update.update_id as number) <= this.handedOut).length;
  }

  /** The highest update id handed out so far. */
  get handedOut(): number {
    return this.lastHandedOut;
  }

  /** getUpdates: the emulator's new updates join the kept ones; those below `offset` are confirmed and dropped. */
  private async getUpdates(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const asked = JSON.parse(body.toString('utf8') || '{}') as { offset?: number; limit?: number };
    const upstream = await fetch(new URL(req.url ?? '/', this.upstream), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const fresh = ((await upstream.json()) as { result?: Record<string, unknown>[] }).result ?? [];
    // The emulator can hand an update out again (without its id): only ids not seen before are new.
    const unseen = fresh.filter((update) => typeof update.update_id === 'number' && update.update_id > this.upstreamSeen);
    for (const update of unseen) this.upstreamSeen = Math.max(this.upstreamSeen, update.update_id as number);
    this.inject(...unseen.map(({ update_id: _, ...update }) => update));
    while (this.kept.length > 0 && (this.kept[0]!.update_id as number) < (asked.offset ?? 0)) this.kept.shift();
    const result = this.kept.slice(0, asked.limit ?? 100);
    for (const update of result) this.lastHandedOut = Math.max(this.lastHandedOut, update.update_id as number);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
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

  /** Answers an album as Telegram would: a message per photo, each photo kept as an upload. */
  private async recordAlbum(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const form = await new Request('http://local/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: new Uint8Array(body) }).formData();
    const chatId = Number(form.get('chat_id'));
    const media = JSON.parse(String(form.get('media') ?? '[]')) as { media: string; caption?: string }[];
    const date = Math.floor(Date.now() / 1000);
    const messages = [];
    for (const item of media) {
      const file = item.media.startsWith('attach://') ? form.get(item.media.slice('attach://'.length)) : null;
      const messageId = this.nextMessageId++;
      this.uploads.push({
        method: 'sendMediaGroup', chatId, messageId, caption: item.caption, fileId: file instanceof Blob ? undefined : item.media,
        bytes: file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : undefined, filename: file instanceof Blob ? (file as File).name : undefined,
      });
      messages.push({ message_id: messageId, date, chat: { id: chatId, type: chatId < 0 ? 'group' : 'private' } });
    }
    this.calls.push({ method: 'sendMediaGroup', chatId, arrivedAt: Date.now(), answeredAt: Date.now(), status: 200 });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: messages }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if ((req.url ?? '').startsWith('/file/bot')) return this.serveFile(req.url!, res);
    const method = (req.url ?? '').split('/').pop() ?? '';
    if (method === 'getUpdates') return this.getUpdates(req, body, res);
    if (method === 'getFile') return this.answerGetFile(body, res);
    const roundTrip = this.roundTrip?.(method) ?? 0;
    if (roundTrip > 0) await new Promise((resolve) => setTimeout(resolve, roundTrip / 2));
    if (roundTrip > 0) {
      const write = res.writeHead.bind(res);
      const end = res.end.bind(res);
      // The way back: the answer leaves here now and reaches the bot half a round trip later.
      res.writeHead = ((...args: Parameters<ServerResponse['writeHead']>) => (setTimeout(() => write(...args), roundTrip / 2), res)) as ServerResponse['writeHead'];
      res.end = ((...args: unknown[]) => (setTimeout(() => (end as (...a: unknown[]) => void)(...args), roundTrip / 2), res)) as ServerResponse['end'];
    }
    if (method === 'sendPhoto' || method === 'sendDocument') return this.recordUpload(method, req, body, res);
    if (method === 'sendMediaGroup') return this.recordAlbum(req, body, res);
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
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        call.answeredAt = Date.now();
        res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
      });
    });
    forwarded.on('error', () => res.writeHead(502).end());
    forwarded.end(body);
  }
}

/**
 * A stand-in for Telegram's flood limits: more than `perSecond` sendMessage calls landing within
 * any one second, or (with `perChatIntervalMs`) two to one private chat closer than that, get 429
 * with retry_after, as Telegram answers.
 */
export function floodLimit(perSecond: number, options: { perChatIntervalMs?: number } = {}): (call: SeenCall) => Fault {
  const landed: number[] = [];
  const lastToChat = new Map<number, number>();
  const tooMany = { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 };
  return (call) => {
    if (call.method !== 'sendMessage') return undefined;
    while (landed.length > 0 && landed[0]! <= call.arrivedAt - 1000) landed.shift();
    if (landed.length >= perSecond) return tooMany;
    const chat = call.chatId;
    if (options.perChatIntervalMs !== undefined && chat !== undefined && chat > 0) {
      const last = lastToChat.get(chat);
      if (last !== undefined && call.arrivedAt - last < options.perChatIntervalMs) return tooMany;
      lastToChat.set(chat, call.arrivedAt);
    }
    landed.push(call.arrivedAt);
    return undefined;
  };
}
