import type { MessageKey } from './translate.ts';

/** The en catalog: the same keys as zh-CN, checked by the type. */
export const en: Record<MessageKey, string> = {
  'config.invalid': 'Setting {name} is wrong: {problem}. Expected: {expected}',
  'config.missing': 'Setting {name} is missing. Expected: {expected}',
  'config.expect.botToken': 'the bot token BotFather gave you, like 123456:ABC-DEF…',
  'config.expect.url': 'an address starting with http:// or https://',
  'config.expect.path': 'a SQLite database file path, e.g. data/duban.sqlite',
  'config.expect.chatId': 'a Telegram chat id (an integer, negative for groups), e.g. -1001234567890',
  'config.expect.userIds': 'comma-separated Telegram user ids, e.g. 11111,22222',
  'config.expect.timezone': 'an IANA time zone name, e.g. Asia/Shanghai',
  'config.expect.locale': 'zh-CN or en',
  'config.expect.cron': 'a cron expression, e.g. 0 9 * * 1 (Mondays at 09:00)',
  'config.expect.logLevel': 'fatal, error, warn, info, debug or trace',

  'table.where.lineColumn': 'Line {line}, column “{column}”: {problem}',
  'table.where.line': 'Line {line}: {problem}',
  'table.where.file': '{problem}',
  'problem.file.unreadable': 'cannot read the file: {reason}',
  'problem.file.extension': 'unsupported file type “{extension}”; use .csv or .xlsx',
  'problem.file.notUtf8': 'the file is not UTF-8; in Excel use “Save as → CSV UTF-8 (comma delimited)” and import again',
  'problem.file.csvSyntax': 'the CSV is malformed ({reason}); an unclosed quote is the usual cause',
  'problem.file.empty': 'the file has no header row',
  'problem.file.noRows': 'the file has no tasks',
  'problem.header.unknown': 'unknown header “{header}”; known headers: {known}',
  'problem.header.duplicate': 'the header “{header}” appears twice',
  'problem.header.missing': 'the required column “{header}” is missing',
  'problem.cell.required': 'required, cannot be empty',
  'problem.cell.extra': 'this row has {count} more cells than the header',
  'problem.cell.tooLong': 'too long ({length} characters), at most {max}',
  'problem.date.format': '“{value}” is not a date we read; write 2025-06-30, 2025/6/30 or 2025年6月30日',
  'problem.date.impossible': 'the date “{value}” does not exist',
  'problem.date.startAfterDue': 'the start {start} is after the due date {due}',
  'problem.milestone.format': 'the milestone “{value}” should be “DATE description”, e.g. “2025-03-31 contracts signed”',
  'problem.milestone.afterDue': 'the milestone {date} is after the due date {due}',
  'problem.location.format': 'the location “{value}” should be “lat,lng”, e.g. 27.99,120.70',
  'problem.location.range': 'the location “{value}” is out of range: latitude -90 to 90, longitude -180 to 180',
  'problem.public.format': '“{value}” is not understood; write yes or no',
  'problem.code.duplicate': 'the code “{code}” repeats line {firstLine}',

  'import.rejected': 'Import failed; the database was not changed. Fix these {count} problems and import again:',
  'import.done':
    'Imported: tasks {tasksCreated} created, {tasksUpdated} updated, {tasksUnchanged} unchanged; units {unitsCreated} created; people {peopleCreated} created.',
  'export.done': 'Exported {count} tasks to {file}',

  'table.sheetName': 'Tasks',
  'table.status.open': 'open',
  'table.status.done': 'closed out',
  'table.public.yes': 'yes',
  'table.public.no': 'no',
  'table.milestoneSeparator': '; ',
  'unit.leadership': 'Leadership',

  'role.owner': 'owner',
  'role.leader': 'leader',

  'cli.usage':
    'Usage: npm run cli -- <command>\n' +
    '  migrate              bring the database schema up to date\n' +
    '  import FILE          import the one table (.csv or .xlsx)\n' +
    '  export FILE          export the one table (.csv or .xlsx, by extension)\n' +
    '  invites [--json]     list every person with their invite code and link',
  'cli.unknownCommand': 'Unknown command “{command}”.',
  'cli.missingFile': 'The command {command} needs a file path, e.g. npm run cli -- {command} table.xlsx',
  'cli.migrated': 'The database schema is up to date ({count} migrations applied)',
  'cli.invites.linked': 'linked',
  'cli.invites.noUsername': '(links appear once the bot has started once)',
  'cli.invites.none': 'There is nobody yet; import the one table first',
  'cli.failed': 'Failed: {reason}',

  'bot.greeting': 'Hello {name} ({unit})! Your Telegram account is now linked.',
  'bot.welcomeBack': 'Hello {name} ({unit})! Your account is already linked.',
  'bot.tasks.owner': 'Tasks you are responsible for ({count}):',
  'bot.tasks.leader': 'Tasks you are in charge of ({count}):',
  'bot.tasks.line': '{code} {title} (due {due})',
  'bot.tasks.none': 'No tasks are assigned to you at the moment.',
  'bot.start.noCode': 'Welcome to duban. Send the invite code the supervision office gave you: /start CODE',
  'bot.start.unknownCode': 'The invite code “{code}” is not valid. Check it and send /start CODE again, or ask the supervision office.',
  'bot.start.spentCode': 'This invite code has already been used; each code links once. Ask the supervision office to link you again.',
  'bot.start.accountTaken':
    'Your Telegram account is already linked to {name} ({unit}) and cannot be linked to someone else. Ask the supervision office if this is wrong.',
  'bot.unlinked': 'Your Telegram account is not linked yet. Ask the supervision office for an invite code, then send: /start CODE',
  'bot.whoami': 'You are {name} ({unit}), role: {roles}.',
  'bot.help.common':
    'duban commands:\n' +
    '/start CODE — link your account\n' +
    '/tasks — your tasks\n' +
    '/whoami — who you are linked as\n' +
    '/help — this help',
  'bot.help.unlinked': 'You are not linked yet: ask the supervision office for an invite code, then send /start CODE.',
  'bot.notUnderstood': 'I did not understand that. Send /help for the commands.',
  'bot.error': 'Sorry, something went wrong with your message. Please try again later; the problem has been logged.',
};
