import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { translator } from '../src/i18n/translate.ts';
import { boardApp } from '../src/web/board-app.ts';
import { MONDAY } from './measure-kit.ts';

// The board as the bot's process serves it (the same request listener); prints its port, and its
// peak RSS in MB when its stdin closes.
const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL, PUBLIC_BOARD: 'on', LOCALE: 'zh-CN', TIMEZONE: 'Asia/Shanghai' });
const db = openDatabase(config.databaseUrl);
const now = new Date(MONDAY.getTime() + 3 * 86_400_000);
const server = createServer(getRequestListener(boardApp({ db, config, t: translator('zh-CN'), now: () => now }).fetch));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdout.write(`${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
  process.exit(0);
});
