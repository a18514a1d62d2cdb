import { createServer } from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';

/** A free TCP port on loopback, for a server started right after. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** telegram-test-api on a free loopback port: the Bot API our bot talks to over HTTP. */
export async function startEmulator(): Promise<{ server: TelegramServer; apiRoot: string; stop(): Promise<void> }> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  return { server, apiRoot: server.config.apiURL, stop: async () => void (await server.stop()) };
}

/**
 * A person on a phone: sends text (a command when it starts with `/`) in their private chat and
 * reads what the bot answers.
 */
export class TestUser {
  private readonly client;

  constructor(server: TelegramServer, token: string, readonly userId: number, firstName: string) {
    this.client = server.getClient(token, { userId, chatId: userId, firstName, userName: `user${userId}`, timeout: 5_000, interval: 25 });
  }

  /** Sends and waits for the bot's answer; returns the texts of every message it sent back. */
  async send(text: string): Promise<string[]> {
    if (text.startsWith('/')) await this.client.sendCommand(this.client.makeCommand(text));
    else await this.client.sendMessage(this.client.makeMessage(text));
    return this.replies();
  }

  /** Every message the bot has sent to this chat since the last read, waiting for at least one. */
  async replies(): Promise<string[]> {
    const updates = await this.client.getUpdates();
    return updates.result.map((update: { message: { text: string } }) => update.message.text);
  }
}
