/** Updates as Telegram delivers them, for tests that inject them through the proxy. */

let nextMessageId = 1;

const person = (chatId: number) => ({ id: chatId, is_bot: false, first_name: `用户${chatId}` });

/** A message a person writes in their private chat; a leading `/command` is marked as one. */
export function privateMessage(chatId: number, text: string, messageId = nextMessageId++) {
  const command = /^\/\w+/.exec(text);
  return {
    message: {
      message_id: messageId, date: Math.floor(Date.now() / 1000), from: person(chatId), chat: { id: chatId, type: 'private', first_name: `用户${chatId}` }, text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  };
}

/** The same message, edited to read `text`. */
export function editedMessage(chatId: number, messageId: number, text: string) {
  const { message } = privateMessage(chatId, text, messageId);
  return { edited_message: { ...message, edit_date: Math.floor(Date.now() / 1000) } };
}
