import { createServer } from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { BotApiProxy } from './bot-api-proxy.ts';

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

/**
 * telegram-test-api on a free loopback port, behind our thin recording proxy: the Bot API the
 * bot talks to over HTTP. The emulator has no sendPhoto or sendDocument; the proxy answers
 * those as Telegram would and keeps the files (`proxy.uploads`).
 */
export async function startEmulator(): Promise<{ server: TelegramServer; proxy: BotApiProxy; apiRoot: string; stop(): Promise<void> }> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  const proxy = new BotApiProxy(server.config.apiURL);
  const apiRoot = await proxy.start();
  return {
    server,
    proxy,
    apiRoot,
    stop: async () => {
      await proxy.stop();
      await server.stop();
    },
  };
}

/** A message the bot sent, as a phone shows it: `text` is what is read, `html` what was sent. */
export interface BotMessage {
  messageId: number;
  text: string;
  html: string;
  buttons: { text: string; data: string }[];
  forceReply: boolean;
}

interface StoredBotMessage {
  messageId: number;
  message: { chat_id: string | number; text: string; reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][]; force_reply?: boolean } };
}

/** Telegram's HTML mode as a phone renders it: tags gone, entities read. */
const rendered = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

const toBotMessage = (stored: StoredBotMessage): BotMessage => ({
  messageId: stored.messageId,
  text: rendered(stored.message.text),
  html: stored.message.text,
  buttons: (stored.message.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data })),
  forceReply: stored.message.reply_markup?.force_reply === true,
});

/** Every message the bot has sent to a chat so far, in order, read from the emulator's store. */
export function sentTo(server: TelegramServer, chatId: number): BotMessage[] {
  return (server.storage.botMessages as unknown as StoredBotMessage[]).filter((m) => String(m.message.chat_id) === String(chatId)).map(toBotMessage);
}

/**
 * A person on a phone: writes in their private chat (or a group), taps buttons, replies to
 * messages, and reads what the bot answers.
 */
export class TestUser {
  private readonly client;

  constructor(private readonly server: TelegramServer, token: string, readonly userId: number, firstName: string, private readonly chat: { id: number; type: 'private' | 'group' } = { id: userId, type: 'private' }) {
    this.client = server.getClient(token, { userId, chatId: chat.id, type: chat.type, firstName, userName: `user${userId}`, timeout: 5_000, interval: 25 });
  }

  /** Marks everything the bot sent so far as read, so that the next read is the answer to what comes next. */
  private glance(): void {
    for (const stored of this.server.storage.botMessages as unknown as (StoredBotMessage & { isRead: boolean })[]) {
      if (String(stored.message.chat_id) === String(this.chat.id)) stored.isRead = true;
    }
  }

  /** Sends and waits for the bot's answer; returns the texts of the messages it sent back since. */
  async send(text: string, options: { replyTo?: number; quote?: string } = {}): Promise<string[]> {
    await this.write(text, options);
    return (await this.read()).map((message) => message.text);
  }

  /** `quote`: the part of the replied-to message the reply quotes, as Telegram's "reply with quote". */
  async write(text: string, options: { replyTo?: number; quote?: string } = {}): Promise<void> {
    this.glance();
    const extra = {
      ...(options.replyTo === undefined ? {} : { reply_to_message: { message_id: options.replyTo } }),
      ...(options.quote === undefined ? {} : { quote: { text: options.quote, position: 0 } }),
    };
    if (text.startsWith('/')) await this.client.sendCommand(this.client.makeCommand(text, extra as never));
    else await this.client.sendMessage(this.client.makeMessage(text, extra as never));
  }

  /** Sends a photo with an optional caption, as evidence. */
  async sendPhoto(fileId: string, options: { caption?: string; replyTo?: number } = {}): Promise<string[]> {
    const message = this.client.makeMessage('', {
      photo: [{ file_id: `${fileId}-small`, file_unique_id: `${fileId}-s`, width: 90, height: 90 }, { file_id: fileId, file_unique_id: fileId, width: 1280, height: 960 }],
      ...(options.caption === undefined ? {} : { caption: options.caption }),
      ...(options.replyTo === undefined ? {} : { reply_to_message: { message_id: options.replyTo } }),
    } as never) as Record<string, unknown>;
    delete message.text;
    this.glance();
    await this.client.sendMessage(message as never);
    return (await this.read()).map((m) => m.text);
  }

  /**
   * Sends a file as a document, its bytes kept by the proxy as Telegram keeps them, and reads the
   * bot's answers (`count` of them).
   */
  async sendDocument(proxy: { hostFile(fileId: string, bytes: Buffer): void }, bytes: Buffer, fileName: string, options: { count?: number } = {}): Promise<BotMessage[]> {
    const fileId = `doc-${this.userId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    proxy.hostFile(fileId, bytes);
    const message = this.client.makeMessage('', { document: { file_id: fileId, file_unique_id: fileId, file_name: fileName, file_size: bytes.length } } as never) as Record<string, unknown>;
    delete message.text;
    this.glance();
    await this.client.sendMessage(message as never);
    return this.read(options.count ?? 1);
  }

  /** Taps an inline button of a message the bot sent, and reads what the bot answers. */
  async tap(message: BotMessage, buttonText: string): Promise<string[]> {
    await this.press(message, buttonText);
    return (await this.read()).map((m) => m.text);
  }

  /** Taps an inline button without waiting for a message (a refusal shows only as an alert). */
  async press(message: BotMessage, buttonText: string): Promise<void> {
    const button = message.buttons.find((b) => b.text === buttonText);
    if (!button) throw new Error(`no button “${buttonText}” on message ${message.messageId}`);
    this.glance();
    await this.client.sendCallback(this.client.makeCallbackQuery(button.data, { message: { message_id: message.messageId } } as never));
  }

  /**
   * Sends a tap with the given callback data, as if from a button on `message`: a button whose
   * text appears on several rows (a card's 1 to 5), or data no button carries (an old or forged one).
   */
  async pressData(message: BotMessage, data: string): Promise<void> {
    this.glance();
    await this.client.sendCallback(this.client.makeCallbackQuery(data, { message: { message_id: message.messageId } } as never));
  }

  /** What the bot has sent since the last read, waiting until at least `count` messages came. */
  async read(count = 1): Promise<BotMessage[]> {
    const messages: BotMessage[] = [];
    while (messages.length < count) {
      const updates = await this.client.getUpdates();
      messages.push(...(updates.result as unknown as StoredBotMessage[]).map(toBotMessage));
    }
    return messages;
  }
}
