import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { DigestBuilder } from '../../src/domain/digest-builder.ts';
import type { DigestTask } from '../../src/domain/digest.ts';
import type { TaskFacts } from '../../src/domain/status.ts';
import { translator } from '../../src/i18n/translate.ts';
import { digestChartPngs, digestChartSvgs } from '../../src/render/digest-chart.ts';
import { digestMessages, onTrackLinesWithin } from '../../src/render/digest-message.ts';
import { MESSAGE_LIMIT } from '../../src/render/html.ts';

const day = (text: string) => text as CalendarDate;
const zh = translator('zh-CN');
const WEEK = cycleWeekOf(new Date('2026-06-12T09:00:00Z'), 'Asia/Shanghai');
const TODAY = day('2026-06-12');
const BUDGET = 6;

/** A district as DESIGN.md sizes it: 80 units (some with long names), 2,000 tasks, 20 leaders. */
const UNITS = Array.from({ length: 80 }, (_, u) => (u % 9 === 0 ? `区住房和城乡建设局城市更新中心第${u}分中心` : `第${u}街道`));

/** Task i of unit i % 80 is of kind 0–39, every unit a mix: 0–1 red (blocked), 2–7 yellow (silent this week), the rest green, a few closed out. */
const kindOf = (i: number) => (Math.floor(i / 80) + (i % 80)) % 40;

function districtTask(i: number): DigestTask {
  const kind = kindOf(i);
  const facts: TaskFacts = {
    start: day('2026-01-01'), due: day('2026-12-31'), closedOut: kind === 39 && i % 3 === 0, milestones: [],
    latest: kind >= 2 && kind <= 7 ? { percent: 45, blocked: false } : { percent: 50, blocked: kind <= 1 },
    silentCycles: kind >= 2 && kind <= 7 ? 1 : 0,
  };
  return {
    id: i + 1, code: `ZX-${String(i + 1).padStart(4, '0')}`, title: `重点工作任务第${i + 1}项：推进城市更新和民生实事`, unit: UNITS[i % 80]!,
    owner: `责任人${i % 500}`, ownerReach: 'reachable', leader: `副区长${i % 20}`, leaderId: 1000 + (i % 20), facts, isPublic: true,
    note: `本周完成第${i}项阶段工作，召开推进会一次，协调解决问题两个，下一步加快进度确保按期完成`,
  };
}

describe('the digest of a district: 2,000 tasks over 80 units', () => {
  const tasks = Array.from({ length: 2000 }, (_, i) => districtTask(i));
  const group = new DigestBuilder({ week: WEEK, today: TODAY });
  const leaderZero = new DigestBuilder({ week: WEEK, today: TODAY });
  for (const task of tasks) {
    group.add(task);
    if (task.leaderId === 1000) leaderZero.add(task);
  }
  const digest = group.digest();
  const messages = digestMessages(digest, zh, { budget: BUDGET });
  const text = messages.join('\n');

  it('stays within its budget of messages, each within Telegram’s limit', () => {
    expect(digest.counts.red).toBeGreaterThan(80);
    expect(messages.length).toBeLessThanOrEqual(BUDGET);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it('lists every red task, with its reasons', () => {
    const red = tasks.filter((task) => kindOf(task.id - 1) <= 1);
    expect(red).toHaveLength(digest.counts.red);
    for (const task of red) expect(text).toContain(`🔴 <b>${task.code}</b>`);
  });

  it('says what it folded, and counts what it folded by unit', () => {
    expect(text).toContain('📎 篇幅所限，');
    expect(text).toContain(`${digest.onTrack.length} 项正常推进事项`);
    expect(text).not.toContain('🟢 <b>ZX-');
    expect(text).toMatch(/按单位汇总：[^\n]*第1街道 \d+/);
  });

  it('says the same when the builder keeps only as many on-track lines as the budget could hold', () => {
    const lean = new DigestBuilder({ week: WEEK, today: TODAY, onTrackListed: onTrackLinesWithin(BUDGET) });
    for (const task of tasks) lean.add(task);
    const leanDigest = lean.digest();
    expect(leanDigest.onTrack.length).toBeLessThan(digest.onTrack.length);
    expect(digestMessages(leanDigest, zh, { budget: BUDGET })).toEqual(messages);
  });

  it('runs over its budget only for red, and says so', () => {
    const tight = digestMessages(digest, zh, { budget: 2 });
    expect(tight.length).toBeGreaterThan(2);
    expect(tight.join('\n')).toContain(`⚠️ 红灯事项 ${digest.counts.red} 项，全部列出，本期周报超过 2 条消息的篇幅。`);
    for (const task of tasks.filter((task) => kindOf(task.id - 1) <= 1)) expect(tight.join('\n')).toContain(`🔴 <b>${task.code}</b>`);
  });

  it('names every one of a leader’s tasks in their portfolio, on track ones with what was reported', () => {
    const portfolio = digestMessages(leaderZero.digest(), zh, { heading: 'portfolio' }).join('\n');
    const theirs = tasks.filter((task) => task.leaderId === 1000);
    expect(theirs).toHaveLength(100);
    for (const task of theirs) expect(portfolio).toContain(`<b>${task.code}</b>`);
    expect(portfolio).toContain('“本周完成第');
  });

  it('ranks every unit, none left out', () => expect(digest.units).toHaveLength(80));

  it('draws the units in images each within Telegram’s photo limits, with every unit’s rank', () => {
    const pngs = digestChartPngs(digest, zh);
    expect(pngs.length).toBeGreaterThanOrEqual(4);
    for (const png of pngs) {
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      expect(width + height).toBeLessThanOrEqual(10_000);
      expect(Math.max(width, height) / Math.min(width, height)).toBeLessThanOrEqual(20);
      expect(png.length).toBeLessThan(10 * 1024 * 1024);
    }
    const svgs = digestChartSvgs(digest, zh).join('');
    for (let rank = 1; rank <= 80; rank += 1) expect(svgs).toMatch(new RegExp(`>${rank}\\. `));
  });
});
