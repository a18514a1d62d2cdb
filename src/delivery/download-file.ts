import type { Telegram } from 'telegraf';

/** What came of fetching a file a person sent: its bytes, or why not. */
export type Download = { ok: true; bytes: Buffer } | { ok: false; reason: 'tooLarge' | 'failed' };

/**
 * Fetches a file a person sent to the bot, reading no more than `maxBytes` however large the
 * file says it is or turns out to be. The file's URL holds the bot token: it is never logged or
 * put in an error.
 *
 * @example const download = await downloadFile(ctx.telegram, document.file_id, 20 * 1024 * 1024)
 */
export async function downloadFile(telegram: Telegram, fileId: string, maxBytes: number): Promise<Download> {
  try {
    const url = await telegram.getFileLink(fileId);
    const answer = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!answer.ok || !answer.body) return { ok: false, reason: 'failed' };
    if (Number(answer.headers.get('content-length') ?? 0) > maxBytes) {
      await answer.body.cancel();
      return { ok: false, reason: 'tooLarge' };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) return { ok: false, reason: 'tooLarge' };
      chunks.push(Buffer.from(chunk));
    }
    return { ok: true, bytes: Buffer.concat(chunks) };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}
