import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { parseAssessCommand, type AssessCommand } from '../../src/domain/assess-command.ts';
import { openRound } from '../../src/flows/assessment-rounds.ts';
import { translator } from '../../src/i18n/translate.ts';
import { closeDueRounds } from '../../src/jobs/assessment-step.ts';
import { freshDatabase, importFixture, testConfig } from '../support/duban.ts';

const GROUP = -1005550000019;
const t = translator('zh-CN');

/**
 * Opening and closing rounds against a real database (SQLite, or PostgreSQL when the suite runs
 * there): what is refused writes nothing; a round closes on the day after its last, once, however
 * many times (or processes) ask.
 */
describe('assessment rounds in the database', () => {
  let db: Db;
  let path: string;
  const config = () => testConfig(path, 'http://127.0.0.1:9', { LEADERSHIP_CHAT_ID: String(GROUP) });
  const open = (words: string[], now: string) => {
    const command = parseAssessCommand(['open', ...words]) as Extract<AssessCommand, { action: 'open' }>;
    return inTransaction(db, (trx) => openRound(trx, { config: config(), t }, command, { actor: 'test', now: new Date(now) }));
  };
  const counts = async () => ({
    rounds: (await db.selectFrom('assessmentRounds').select('id').execute()).length,
    cards: (await db.selectFrom('assessmentCards').select('id').execute()).length,
    outbox: (await db.selectFrom('outbox').select('id').execute()).length,
  });

  beforeEach(async () => {
    ({ db, path } = await freshDatabase());
    await importFixture(db, 'tests/fixtures/linked-assessment.csv', new Date('2026-12-01T02:00:00Z'));
    let chat = 700;
    for (const name of ['赵一', '钱二', '周四', '吴五']) await db.updateTable('people').set({ telegramUserId: chat++ }).where('name', '=', name).execute();
  });

  afterEach(async () => {
    await db.destroy();
  });

  it('refuses, writing nothing, a type it does not know, wrong criteria, a past date, no one to score or be scored, a name taken', async () => {
    const at = '2026-12-07T02:00:00Z';
    expect(await open(['测评', '--raters', '企业', '--targets', '部门'], at)).toEqual({ ok: false, lines: ['“企业”不是单位类型；可写：社区、街镇、功能区、部门'] });
    expect(await open(['测评', '--raters', '社区', '--targets', '部门', '--criteria', 'a,b,c,d,e,f'], at)).toEqual({ ok: false, lines: ['评分项须为 1 到 5 个、各不相同、每个不超过 12 个字，收到：a、b、c、d、e、f'] });
    expect(await open(['测评', '--raters', '社区', '--targets', '部门', '--criteria', '服务,服务'], at)).toMatchObject({ ok: false });
    expect(await open(['测评', '--raters', '社区', '--targets', '部门', '--closes', '2026-12-06'], at)).toEqual({ ok: false, lines: ['截止日期 2026-12-06 已经过去，请写今天或以后的日期'] });
    expect(await open(['测评', '--raters', '社区', '--targets', '部门', '--closes', '下周五'], at)).toEqual({ ok: false, lines: ['截止日期“下周五”无法识别，请写作 2026-12-31'] });
    expect(await open(['测评', '--raters', '社区', '--targets', '街镇'], at)).toEqual({ ok: false, lines: ['没有类型为“街镇”的单位，无人可评。请在一张表的“单位类型”列标明，或用 /unittype 单位名称 街镇'] });
    expect(await open(['测评', '--raters', '部门', '--targets', '社区'], at)).toEqual({ ok: false, lines: ['类型为“部门”的单位还没有已绑定的人员，评分卡无处可发。请先发放邀请码'] });
    expect(await counts()).toEqual({ rounds: 0, cards: 0, outbox: 0 });
    expect((await open(['测评', '--raters', '社区', '--targets', '部门'], at)).ok).toBe(true);
    // Four linked raters in four community units, three departments: twelve cards.
    expect(await counts()).toEqual({ rounds: 1, cards: 12, outbox: 12 });
    expect(await open(['测　评', '--raters', '社区', '--targets', '部门'], at)).toEqual({ ok: false, lines: ['已有名为“测 评”的测评，请换一个名称'] });
    expect(await counts()).toEqual({ rounds: 1, cards: 12, outbox: 12 });
  });

  it('closes on the day after its last day, in TIMEZONE, once however often it is asked', async () => {
    expect((await open(['年终测评', '--raters', '社区', '--targets', '部门', '--closes', '2026-12-11'], '2026-12-07T02:00:00Z')).ok).toBe(true);
    const deps = { db, config: config(), t };
    // 23:59 on the last day, Beijing time: still open.
    expect(await closeDueRounds(deps, new Date('2026-12-11T15:59:00Z'))).toEqual([]);
    // Five past midnight: closed, the results queued for the group.
    const [first, second] = await Promise.all([closeDueRounds(deps, new Date('2026-12-11T16:05:00Z')), closeDueRounds(deps, new Date('2026-12-11T16:05:00Z'))]);
    expect([...first!, ...second!]).toEqual(['年终测评']);
    const toGroup = await db.selectFrom('outbox').select(['method', 'dedupeKey']).where('chatId', '=', GROUP).orderBy('id').execute();
    expect(toGroup.map((row) => row.method)).toEqual(['sendMessage', 'sendPhoto', 'sendDocument']);
    expect(await closeDueRounds(deps, new Date('2026-12-12T16:05:00Z'))).toEqual([]);
    expect(await db.selectFrom('outbox').select('id').where('chatId', '=', GROUP).execute()).toHaveLength(3);
    // Nobody scored: every department shows too few ratings, and no follow-up task is made.
    expect(await db.selectFrom('assessmentResults').select(['overall', 'raterUnits']).execute()).toEqual([{ overall: null, raterUnits: 0 }, { overall: null, raterUnits: 0 }, { overall: null, raterUnits: 0 }]);
    expect(await db.selectFrom('tasks').select('id').where('assessmentRoundId', 'is not', null).execute()).toEqual([]);
  });
});
