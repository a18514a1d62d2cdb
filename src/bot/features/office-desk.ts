import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import { decodeButton } from '../../domain/callback-data.ts';
import { assessInChat, importDecisionTapped, previewUpload, sendExport, sendInvites, showLinked, typeUnitInChat } from '../../flows/office-desk.ts';
import { changeDueByAdmin, reassignByAdmin, withdrawByAdmin } from '../../flows/task-changes.ts';
import { deputyChosen, leaveCommand } from '../../flows/leave.ts';
import { turnOf, type BotContext, type BotDeps } from '../context.ts';

export const OFFICE_COMMANDS = ['export', 'invites', 'linked', 'withdraw', 'reassign', 'due', 'assess', 'unittype'];

/** `CODE rest of the line`: the words of a command after its task code. */
const codeAndRest = (payload: string) => {
  const [, code = '', rest = ''] = /^(\S*)\s*([\s\S]*)$/.exec(payload.trim()) ?? [];
  return { code, rest: rest.trim() };
};

/**
 * The office's desk (督考办) in the chat: a table sent as a document (previewed, then confirmed),
 * `/export`, `/invites`, `/linked`, changing a task without a spreadsheet, assessment rounds
 * (`/assess`, `/unittype`). Mounted behind
 * `isAdmin`, in private chats: what the office does is no one else's to see.
 */
export function officeDesk(deps: BotDeps): Composer<BotContext> {
  const desk = new Composer<BotContext>();
  desk.on(message('document'), async (ctx, next) => (ctx.state.upload ? previewUpload(deps, turnOf(ctx), ctx.state.upload) : next()));
  desk.on('callback_query', async (ctx, next) => {
    const action = 'data' in ctx.callbackQuery ? decodeButton(ctx.callbackQuery.data) : undefined;
    if (action?.kind === 'importDecision') return importDecisionTapped(deps, turnOf(ctx), action);
    if (action?.kind === 'deputyChoice') return deputyChosen(deps, turnOf(ctx), action);
    return next();
  });
  desk.command('export', (ctx) => sendExport(deps, turnOf(ctx)));
  desk.command('invites', (ctx) => sendInvites(deps, turnOf(ctx)));
  desk.command('linked', (ctx) => showLinked(deps, turnOf(ctx)));
  desk.command('withdraw', (ctx) => {
    const { code, rest } = codeAndRest(ctx.payload);
    return withdrawByAdmin(deps, turnOf(ctx), { code, reason: rest });
  });
  desk.command('reassign', (ctx) => {
    const { code, rest } = codeAndRest(ctx.payload);
    return reassignByAdmin(deps, turnOf(ctx), { code, name: rest });
  });
  desk.command('assess', (ctx) => assessInChat(deps, turnOf(ctx), { words: ctx.payload.trim().split(/\s+/).filter(Boolean) }));
  // `/leave NAME FROM TO`: an admin records someone's leave (the person's own form works here too).
  desk.command('leave', (ctx) => leaveCommand(deps, turnOf(ctx), { payload: ctx.payload }));
  desk.command('unittype', (ctx) => typeUnitInChat(deps, turnOf(ctx), { words: ctx.payload.trim().split(/\s+/).filter(Boolean) }));
  desk.command('due', (ctx) => {
    const { code, rest } = codeAndRest(ctx.payload);
    return changeDueByAdmin(deps, turnOf(ctx), { code, due: rest });
  });
  return desk;
}
