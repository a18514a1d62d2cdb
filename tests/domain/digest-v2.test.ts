import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { buildDigest, type DigestTask } from '../../src/domain/digest.ts';
import { translator } from '../../src/i18n/translate.ts';
import { digestMessages } from '../../src/render/digest-message.ts';

const day = (text: string) => text as CalendarDate;
let id = 0;
const task = (code: string, unit: string, percent: number | null, milestones: { due: string; description: string }[] = []): DigestTask => ({
  id: ++id, code, title: `任务${code}`, unit, owner: `负责人${code}`, ownerReach: 'reachable', leader: '王建国', leaderId: 1, note: null, isPublic: false,
  facts: {
    start: day('2025-01-01'), due: day('2025-12-31'), closedOut: false,
    milestones: milestones.map((m) => ({ due: day(m.due), description: m.description, done: false, share: null })),
    latest: percent === null ? null : { percent, blocked: false }, silentCycles: percent === null ? 1 : 0,
  },
});

describe('digest v2', () => {
  const week = cycleWeekOf(new Date('2025-07-04T09:00:00Z'), 'Asia/Shanghai');
  const tasks = [task('A-1', '甲街道', 60), task('A-2', '甲街道', 20), task('B-1', '乙局', 55, [{ due: '2025-07-08', description: '完成招标' }]), task('C-1', '丙镇', null)];
  const digest = buildDigest({ week, today: day('2025-07-04'), tasks, previous: { counts: { red: 1, yellow: 2, green: 1, done: 0 }, unitRanking: ['丙镇', '乙局', '甲街道'] } });
  const text = digestMessages(digest, translator('zh-CN')).join('\n').replace(/<[^>]+>/g, '');

  it('shows each light with its change since last week', () => {
    expect(digest.counts).toEqual({ red: 2, yellow: 1, green: 1, done: 0 });
    expect(text).toContain('🔴 2（+1）　🟡 1（−1）　🟢 1　✅ 0');
  });

  it('lists milestones falling due in the coming week', () => {
    expect(digest.milestonesDue).toEqual([expect.objectContaining({ code: 'B-1', date: '2025-07-08', days: 4 })]);
    expect(text).toContain('2025-07-08 B-1 完成招标 — 乙局 · 负责人B-1（4 天后到期）');
  });

  it('lists a milestone due today among those coming, not yet as overdue', () => {
    const today = buildDigest({ week, today: day('2025-07-04'), tasks: [task('D-1', '丁区', 50, [{ due: '2025-07-04', description: '完成验收' }])], previous: null });
    expect(today.milestonesDue).toEqual([expect.objectContaining({ code: 'D-1', date: '2025-07-04', days: 0 })]);
    expect(digestMessages(today, translator('zh-CN')).join('\n').replace(/<[^>]+>/g, '')).toContain('2025-07-04 D-1 完成验收 — 丁区 · 负责人D-1（今天到期）');
  });

  it('ranks units and shows how far each moved since last week', () => {
    // 甲街道 has one of two on track; 乙局's only task is yellow (a milestone due in 4 days).
    expect(digest.units.map((u) => [u.unit, u.rank, u.move])).toEqual([
      ['甲街道', 1, 2],
      ['乙局', 2, 0],
      ['丙镇', 3, -2],
    ]);
    expect(text).toContain('1. 甲街道 ↑2：报送 2/2 · 正常 1/2');
    expect(text).toContain('2. 乙局：报送 1/1 · 正常 0/1');
    expect(text).toContain('3. 丙镇 ↓2：报送 0/1');
  });
});
