import type { Update } from 'telegraf/types';

/** The chat an update belongs to (a tap: the chat of the tapped message, else its sender). */
function laneOf(update: Update): number | undefined {
  const u = update as unknown as Partial<Record<string, { chat?: { id: number }; from?: { id: number }; message?: { chat?: { id: number } } }>>;
  for (const part of Object.values(u)) {
    if (typeof part !== 'object' || part === null) continue;
    const chat = part.chat?.id ?? part.message?.chat?.id ?? part.from?.id;
    if (chat !== undefined) return chat;
  }
  return undefined;
}

/**
 * Handles a batch of updates concurrently across chats and in order within each chat: a person's
 * edit never overtakes the answer it corrects, and a thousand people's answers wait on nothing but
 * the database. Resolves when every update of the batch is handled.
 *
 * @example await inLanes(updates, (update) => bot.handleUpdate(update))
 */
export async function inLanes(updates: readonly Update[], handle: (update: Update) => Promise<void>): Promise<void> {
  const lanes = new Map<number | undefined, Update[]>();
  for (const update of updates) {
    const lane = laneOf(update);
    const queue = lanes.get(lane) ?? [];
    queue.push(update);
    lanes.set(lane, queue);
  }
  await Promise.all(
    [...lanes.values()].map(async (queue) => {
      for (const update of queue) await handle(update);
    }),
  );
}
