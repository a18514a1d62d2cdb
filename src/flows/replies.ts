import type { Tx } from '../db/unit-of-work.ts';
import { packMessages } from '../render/html.ts';
import { enqueueMessages, type LinkPurpose, type OutgoingMessage } from '../store/outbox.ts';

/** Where a reply goes: the chat an update came from, the update's key, the tapped button if any. */
export interface ReplyAddress {
  chatId: number;
  /** Unique to the update, e.g. `u:8123`: a redelivered update writes the same replies again, which do nothing. */
  key: string;
  personId: number | null;
  /** The button this update is the tap of: its answer closes the spinner on the phone. */
  callbackQueryId?: string;
}

export interface ReplyOptions {
  /** The reply is about this task: a reply to it is read as about the task. */
  taskId?: number;
  /** What a reply to the reply means, beyond being about the task. */
  link?: { purpose: LinkPurpose; refId: number | null };
  forceReply?: boolean;
  keyboard?: { text: string; callback_data: string }[][];
}

/**
 * The replies to one update, written to the outbox in the update's own transaction and sent by
 * delivery ahead of bulk messages. A text longer than Telegram takes goes as several messages,
 * split between lines; the buttons go with the last.
 *
 * @example await replies.say(t('bot.whoami', { name, unit, roles }))
 */
/** What each message of a reply split in several starts with, after the first. */
const CONTINUED = '…';

export class Replies {
  private count = 0;
  private buttonAnswered = false;

  constructor(private readonly tx: Tx, readonly to: ReplyAddress, private readonly now: Date) {}

  async say(text: string, options: ReplyOptions = {}): Promise<void> {
    const parts = packMessages(text.split('\n'), CONTINUED, { overLong: 'split' });
    const markup = options.forceReply ? { force_reply: true } : options.keyboard ? { inline_keyboard: options.keyboard } : undefined;
    const messages = parts.map((part, i): OutgoingMessage => ({
      dedupeKey: `reply:${this.to.key}:${++this.count}`,
      chatId: this.to.chatId,
      text: part,
      replyMarkup: i === parts.length - 1 ? markup : undefined,
      personId: this.to.personId,
      taskId: options.taskId ?? null,
      link: options.link,
      reply: true,
    }));
    await enqueueMessages(this.tx, messages, this.now);
  }

  /** Sends a file as a document (a workbook, a PDF), with its caption. */
  async sendFile(file: { bytes: Buffer; name: string }, caption = ''): Promise<void> {
    await enqueueMessages(this.tx, [{
      dedupeKey: `reply:${this.to.key}:${++this.count}`, chatId: this.to.chatId, text: caption, file: { kind: 'document', ...file }, personId: this.to.personId, reply: true,
    }], this.now);
  }

  /** The notice a tapped button shows (a toast, or an alert to dismiss); once per tap, later calls do nothing. */
  async answerButton(text = '', options: { alert?: boolean } = {}): Promise<void> {
    if (this.to.callbackQueryId === undefined || this.buttonAnswered) return;
    this.buttonAnswered = true;
    await enqueueMessages(this.tx, [{ dedupeKey: `button:${this.to.key}`, chatId: this.to.chatId, text, callbackAnswer: { queryId: this.to.callbackQueryId, showAlert: options.alert === true } }], this.now);
  }
}
