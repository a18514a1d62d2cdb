import { downloadFile } from '../delivery/download-file.ts';
import type { TableUpload } from '../flows/office-desk.ts';
import { readTaskTableBytes } from '../io/read-task-table.ts';
import { MAX_TABLE_FILE_BYTES } from '../io/table-file.ts';
import type { BotDeps, Handler } from './context.ts';

/** A document that is a table: by its name, as the admin's computer named it. `.xls` is asked to be saved as `.xlsx`. */
export const isTableFile = (name: string | undefined) => name !== undefined && /\.(xlsx|csv|xls)$/i.test(name);

/**
 * An admin's table, fetched and read before the update's transaction begins: the download and
 * ExcelJS's reading take their time, and the transaction holds the database's write lock. A
 * file from anyone else is not fetched at all. The checked table waits in `ctx.state.upload`.
 */
export const fetchTableUpload = (deps: BotDeps): Handler => async (ctx, next) => {
  const message = ctx.message;
  const document = message && 'document' in message ? message.document : undefined;
  if (!document || ctx.chat?.type !== 'private' || !deps.config.adminIds.includes(ctx.from?.id ?? 0) || !isTableFile(document.file_name)) return next();
  const fileName = document.file_name!;
  ctx.state.upload = await (async (): Promise<TableUpload> => {
    if ((document.file_size ?? 0) > MAX_TABLE_FILE_BYTES) return { fileName, failed: 'tooLarge' };
    const download = await downloadFile(ctx.telegram, document.file_id, MAX_TABLE_FILE_BYTES);
    if (!download.ok) return { fileName, failed: download.reason === 'tooLarge' ? 'tooLarge' : 'download' };
    return { fileName, table: await readTaskTableBytes(fileName, download.bytes) };
  })();
  return next();
};
