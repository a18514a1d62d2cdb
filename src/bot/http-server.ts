import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { databaseAnswers, deliveryHealth } from '../store/delivery-health.ts';
import type { BotContext } from './context.ts';

export interface HttpServer {
  address: AddressInfo;
  stop(): Promise<void>;
}

export interface HttpServerOptions {
  bot: Telegraf<BotContext>;
  db: Db;
  logger: Logger;
  now: () => Date;
  mode: 'polling' | 'webhook';
  /** In webhook mode: the path Telegram posts updates to, and the secret it must send along. */
  webhook?: { path: string; secret: string };
  host: string;
  port: number;
  /** GET /metrics, Prometheus's format (`src/web/metrics.ts`). */
  metrics?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** The public board, when on: every other GET is its (`src/web`). */
  board?: (req: IncomingMessage, res: ServerResponse) => void;
  /** The built-in holidays (HOLIDAYS), and the years soon reached whose holidays are not known. */
  calendar?: () => Promise<{ holidays: 'cn' | 'none'; missingYears: number[] }>;
}

const sameSecret = (given: string | string[] | undefined, secret: string) =>
  typeof given === 'string' && given.length === secret.length && timingSafeEqual(Buffer.from(given), Buffer.from(secret));

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new Error('update too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The process's HTTP side: GET /healthz (database, delivery and calendar state) in both modes, in
 * webhook mode the update endpoint, which takes an update only with Telegram's secret header,
 * and, with PUBLIC_BOARD=on, the public board on every other path.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { bot, db, logger, webhook } = options;
  const answer = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      if (req.method === 'GET' && path === '/healthz') {
        const database = await databaseAnswers(db);
        const delivery = database ? await deliveryHealth(db, options.now()) : null;
        const calendar = database ? await options.calendar?.() : undefined;
        return answer(res, database ? 200 : 503, { ok: database, mode: options.mode, database: database ? 'ok' : 'error', delivery, calendar });
      }
      if (options.metrics && req.method === 'GET' && path === '/metrics') return options.metrics(req, res);
      if (webhook && req.method === 'POST' && path === webhook.path) {
        if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], webhook.secret)) {
          logger.warn({ remote: req.socket.remoteAddress }, 'webhook call without the right secret refused');
          return answer(res, 401, { ok: false });
        }
        const update = (await readJson(req)) as Update;
        await bot.handleUpdate(update);
        return answer(res, 200, { ok: true });
      }
      if (options.board) return options.board(req, res);
      answer(res, 404, { ok: false });
    })().catch((error: unknown) => {
      logger.error({ err: error, url: req.url?.split('?')[0] }, 'http request failed');
      if (!res.headersSent) answer(res, 400, { ok: false });
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, options.host, resolve));
  return {
    address: server.address() as AddressInfo,
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
