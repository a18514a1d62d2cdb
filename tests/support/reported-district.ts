import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/db/database.ts';
import { inUnitOfWork } from '../../src/db/unit-of-work.ts';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { insertCheckIn } from '../../src/store/check-ins.ts';
import { openCycle } from '../../src/store/cycles.ts';
import { importFixture } from './duban.ts';

/** Wednesday of 2026-W24 (8–14 June), 10:00 in Shanghai: the cycle has opened, answers are in. */
export const REPORTED_NOW = new Date('2026-06-10T02:00:00Z');

const WORKS = ['城中村改造', '老旧小区加装电梯', '固定资产投资', '社区撤扩并改革', '企业服务百日攻坚', '农村生活污水治理', '数字政府平台建设', '养老服务中心新建'];
const UNITS = ['瓯江街道', '区发改局', '区民政局', '区经信局', '藤桥镇', '区住建局', '区大数据局'];
const OWNERS = ['张伟', '李娜', '王芳', '刘洋', '陈晨', '赵敏', '孙丽', '周杰'];
const LEADERS = ['王建国', '陈静', '朱明'];

export interface ReportedTask {
  code: string;
  title: string;
  /** The latest report's note, null when the task was not reported. */
  note: string | null;
}

/**
 * A district of `count` tasks with what an office's table holds after some weeks: long titles,
 * milestones with shares and done marks, a cycle opened on Monday of 2026-W24 and, for all but
 * every fifth task, a report with a long note, problems and next steps (some blocked, some late).
 */
export async function reportedDistrict(db: Db, count: number): Promise<ReportedTask[]> {
  const rows = ['编号,事项,责任单位,责任人,分管领导,开始时间,完成时限,时间节点,目标,类别,位置,公开'];
  const tasks: ReportedTask[] = [];
  for (let i = 1; i <= count; i += 1) {
    const code = `DB-${String(i).padStart(3, '0')}`;
    const work = WORKS[i % WORKS.length]!;
    const title = `${work}第${i}批项目全面推进，确保年底前完成既定目标任务`;
    const milestones =
      i % 3 === 0
        ? ''
        : i % 3 === 1
          ? `2026-05-31 方案报批（已完成 2026-06-05）；2026-06-30 完成投资210亿元 50%；2026-09-30 主体工程完工 80%`
          : `2026-04-30 完成入户调查（已完成 2026-04-28）；2026-06-12 启动首批${i}个；2026-10-31 完成签约${i * 10}户`;
    const unit = UNITS[i % UNITS.length]!;
    rows.push([code, title, unit, OWNERS[i % OWNERS.length]!, LEADERS[i % LEADERS.length]!, '2026-01-05', '2026-12-31', milestones, `完成${work}目标`, '十件实事', '', i % 4 === 0 ? '否' : '是']
      .map((cell) => `"${cell}"`)
      .join(','));
    const notes = [
      `第${i}项本周进展：已完成现场踏勘和入户调查${i * 3}户，召开协调会2次，施工单位已进场，累计完成投资${i}.5亿元，占年度计划的${30 + (i % 50)}%，整体进度基本符合预期`,
      `第${i}项：EPC总承包合同已与Wenzhou Urban Construction Group Co., Ltd.签订（合同编号WZ-2026-EPC-${i}），PPP项目入库材料（可研、环评、稳评）已报送省发改委，等待批复。`,
      `第${i}项：\n一、完成项目立项；\n二、完成施工图设计审查；\n三、“三通一平”完成80%。`,
      `第${i}项按计划推进。`,
    ];
    const note = i % 5 === 0 ? null : notes[i % notes.length]!;
    tasks.push({ code, title, note });
  }
  const file = join(mkdtempSync(join(tmpdir(), 'duban-district-')), 'district.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  await importFixture(db, file, new Date('2026-06-01T02:00:00Z'));

  const cycle = await openCycle(db, cycleWeekOf(new Date('2026-06-08T01:00:00Z'), 'Asia/Shanghai'), new Date('2026-06-08T01:00:00Z'));
  const refs = new Map((await db.selectFrom('tasks').select(['id', 'code', 'ownerId']).execute()).map((task) => [task.code, task]));
  for (const [index, task] of tasks.entries()) {
    if (task.note === null) continue;
    const ref = refs.get(task.code)!;
    await inUnitOfWork(db, (tx) =>
      insertCheckIn(tx, {
        taskId: ref.id, cycleId: cycle.id, personId: ref.ownerId, percent: 20 + (index % 7) * 10, blocked: index % 6 === 1 ? 1 : 0,
        note: task.note, problems: index % 2 === 0 ? '部分群众对补偿方案有异议，资金拨付进度偏慢' : null,
        nextSteps: index % 3 === 0 ? '下周完成剩余入户签约，协调财政尽快拨付第二期资金' : null,
        evidence: '[]', late: index % 7 === 3 ? 1 : 0, reportedAt: new Date(REPORTED_NOW.getTime() - index * 60_000).toISOString(), via: 'command', sourceChatId: null, sourceMessageId: null,
      }),
    );
  }
  return tasks;
}
