import { beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { buildDigest, type Digest, type DigestTask } from '../../src/domain/digest.ts';
import type { TaskFacts } from '../../src/domain/status.ts';
import { translator } from '../../src/i18n/translate.ts';
import { digestMessages } from '../../src/render/digest-message.ts';
import { escapeHtml, MESSAGE_LIMIT, packMessages, shorten } from '../../src/render/html.ts';

const day = (text: string) => text as CalendarDate;
const zh = translator('zh-CN');
const CONTINUED = zh('digest.continued');

// The digest of week 2025-W27, sent on Friday 2025-07-04 17:00 in Shanghai.
const WEEK = cycleWeekOf(new Date('2025-07-04T09:00:00Z'), 'Asia/Shanghai');
const TODAY = day('2025-07-04');

/** Facts of a task running through 2025, on time by default (51% expected on 2025-07-04). */
const facts = (fields: Partial<TaskFacts> = {}): TaskFacts => ({
  start: day('2025-01-01'),
  due: day('2025-12-31'),
  closedOut: false,
  milestones: [],
  latest: { percent: 55, blocked: false },
  silentCycles: 0,
  ...fields,
});

const task = (fields: Partial<DigestTask> & { facts?: TaskFacts } = {}): DigestTask => ({
  id: 1,
  code: 'DB-001',
  title: '老旧小区改造',
  unit: '住建局',
  owner: '张伟',
  ownerReach: 'reachable',
  leader: '王副区长',
  leaderId: 1,
  facts: facts(),
  note: null,
  isPublic: false,
  ...fields,
});

/** Units and people whose names carry HTML-special characters, as a table may hold them. */
const UNITS = ['住建局 & 城管局', '发改委<规划科>', '财政局', '教育局 <b>', '卫健委', '交通局 & <i>', '民政局'];
const owner = (n: number) => `责任人<${n}>&`;
const ownerLinked = (n: number) => n % 3 !== 0;

/**
 * What task i is like, by i % 10: 0 closed out; 1, 2 on track; 3 a little behind (yellow);
 * 4 far behind (red); 5 blocked (red); 6 silent this week (yellow); 7 silent two weeks (red);
 * 8 overdue (red); 9 never reported, silent three weeks (red).
 */
function fleetTask(i: number): DigestTask {
  const kind = i % 10;
  const byKind: Record<number, Partial<TaskFacts>> = {
    0: { closedOut: true, latest: { percent: 100, blocked: false } },
    1: {},
    2: {},
    3: { latest: { percent: 35, blocked: false } },
    4: { latest: { percent: 20, blocked: false } },
    5: { latest: { percent: 40, blocked: true } },
    6: { silentCycles: 1, latest: { percent: 50, blocked: false } },
    7: { silentCycles: 2, latest: { percent: 50, blocked: false } },
    8: { due: day('2025-06-20'), latest: { percent: 95, blocked: false } },
    9: { silentCycles: 3, latest: null },
  };
  const person = i % 23;
  return task({
    code: `DB-${String(i + 1).padStart(3, '0')}`,
    title: `<script>alert(${i})</script> 老旧小区改造 & 加装电梯 第${i}项`,
    unit: UNITS[i % UNITS.length]!,
    owner: owner(person),
    ownerReach: ownerLinked(person) ? 'reachable' : 'unlinked',
    facts: facts(byKind[kind]),
    note: i % 4 === 0 ? null : `进展 <b>未闭合 & “引号” ${i}${i % 3 === 0 ? ' 很长的说明，'.repeat(30) : ''}`,
  });
}

const FLEET = Array.from({ length: 200 }, (_, i) => fleetTask(i));

/** The digest items in a message: a line with a light and a code, and the indented lines after it. */
function itemsOf(message: string): { light: string; code: string; lines: string[] }[] {
  const items: { light: string; code: string; lines: string[] }[] = [];
  let current: (typeof items)[number] | null = null;
  for (const line of message.split('\n')) {
    const head = /^(🔴|🟡) <b>([^<]*)<\/b> /u.exec(line);
    if (head) items.push((current = { light: head[1]!, code: head[2]!, lines: [line] }));
    else if (current && line.startsWith('　')) current.lines.push(line);
    else current = null;
  }
  return items;
}

/** The HTML tags of a message, checked to be known and properly nested; returns what is wrong. */
function tagProblems(message: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  for (const [, closing, name] of message.matchAll(/<(\/?)([a-z]+)>/g)) {
    if (!['b', 'code', 'i'].includes(name!)) problems.push(`unknown tag <${name}>`);
    if (!closing) open.push(name!);
    else if (open.pop() !== name) problems.push(`</${name}> closes nothing open`);
  }
  if (open.length > 0) problems.push(`left open: ${open.join(', ')}`);
  if (/<(?!\/?(?:b|code|i)>)/.test(message)) problems.push('a raw "<" that is no tag');
  if (/&(?!(?:amp|lt|gt|quot);)/.test(message)) problems.push('a raw "&" that is no entity');
  return problems;
}

describe('the weekly digest of 200 tasks, in zh-CN', () => {
  let digest: Digest;
  let messages: string[];

  beforeAll(() => {
    digest = buildDigest({ week: WEEK, today: TODAY, tasks: FLEET });
    messages = digestMessages(digest, zh);
  });

  it('is split over several messages, each within Telegram’s 4096 characters, each after the first marked as continued', () => {
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    messages.slice(1).forEach((message) => expect(message.startsWith(`${CONTINUED}\n`)).toBe(true));
    expect(messages[0]).toContain('督查周报</b> · 第27周（6月30日—7月6日）');
  });

  it('keeps every item whole in one message: its light line, unit line, reasons and note together', () => {
    const seen = new Map<string, number>();
    messages.forEach((message, index) => {
      // a continued message never starts in the middle of an item
      expect(message.split('\n')[1]?.startsWith('　'), `message ${index + 1} starts inside an item`).toBe(false);
      for (const item of itemsOf(message)) {
        seen.set(item.code, (seen.get(item.code) ?? 0) + 1);
        const source = FLEET.find((t) => t.code === item.code)!;
        expect(item.lines, item.code).toHaveLength(source.note ? 4 : 3);
        expect(item.lines[0]).toContain(escapeHtml(source.title));
        expect(item.lines[1]).toContain(`${escapeHtml(source.unit)} · ${escapeHtml(source.owner)} · `);
        if (source.note) expect(item.lines[3]).toBe(`　“${escapeHtml(shorten(source.note, 120))}”`);
      }
    });
    expect(seen.size).toBe(digest.attention.length);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(digest.attention.length).toBe(140); // kinds 3 to 9: seven of every ten tasks
  });

  it('escapes what users wrote and keeps its own tags balanced in every message', () => {
    const all = messages.join('\n');
    expect(all).not.toContain('<script>');
    expect(all).toContain('&lt;script&gt;alert(7)&lt;/script&gt; 老旧小区改造 &amp; 加装电梯');
    expect(all).toContain('发改委&lt;规划科&gt;');
    expect(all).toContain('进展 &lt;b&gt;未闭合 &amp; “引号”');
    messages.forEach((message, index) => expect(tagProblems(message), `message ${index + 1}`).toEqual([]));
  });

  it('lists red items before yellow ones, and as many as the counts line says', () => {
    const lights = messages.flatMap((message) => itemsOf(message).map((item) => item.light));
    const firstYellow = lights.indexOf('🟡');
    expect(firstYellow).toBeGreaterThan(0);
    expect(lights.slice(0, firstYellow).every((light) => light === '🔴')).toBe(true);
    expect(lights.slice(firstYellow).every((light) => light === '🟡')).toBe(true);
    expect(lights.filter((light) => light === '🔴')).toHaveLength(100);
    expect(lights.filter((light) => light === '🟡')).toHaveLength(40);
    expect(messages[0]).toContain('🔴 100　🟡 40　🟢 40　✅ 20');
  });

  it('gives the reporting rate over open tasks only: 120 of 180 answered this week, 67%', () => {
    // closed-out tasks (20) are not asked for; of the 180 open, kinds 6, 7 and 9 (60) did not answer
    const open = FLEET.filter((t) => !t.facts.closedOut);
    const answered = open.filter((t) => t.facts.silentCycles === 0);
    expect([answered.length, open.length]).toEqual([120, 180]);
    expect(messages[0]).toContain('报送率：<b>120/180 · 67%</b>');
  });

  it('lists each person who has not answered, once, with all their task codes and whether they are linked', () => {
    const expected = new Map<string, { owner: string; unit: string; linked: boolean; codes: string[] }>();
    for (const t of FLEET.filter((t) => !t.facts.closedOut && t.facts.silentCycles > 0)) {
      const key = `${t.unit}|${t.owner}`;
      const person = expected.get(key) ?? { owner: t.owner, unit: t.unit, linked: t.ownerReach !== 'unlinked', codes: [] };
      person.codes.push(t.code);
      expected.set(key, person);
    }
    const lines = messages.flatMap((message) => message.split('\n'));
    expect(lines).toContain(`<b>未报送（${expected.size} 人）</b>`);
    for (const person of expected.values()) {
      const line = `${escapeHtml(person.owner)}（${escapeHtml(person.unit)}）：${person.codes.join('、')}${person.linked ? '' : '（尚未绑定账号）'}`;
      expect(lines.filter((l) => l === line), line).toHaveLength(1);
    }
    // two of them by hand: person 6 of 民政局 (tasks DB-007 and DB-168, never linked), person 13 of 发改委<规划科> (linked)
    expect(lines).toContain('责任人&lt;6&gt;&amp;（民政局）：DB-007、DB-168（尚未绑定账号）');
    expect(lines).toContain('责任人&lt;13&gt;&amp;（发改委&lt;规划科&gt;）：DB-037、DB-198');
  });

  it('says the same whatever order the tasks are read in', () => {
    const shuffled = FLEET.map((t, i) => ({ t, key: (i * 7919) % FLEET.length })).sort((a, b) => a.key - b.key).map(({ t }) => t);
    expect(digestMessages(buildDigest({ week: WEEK, today: TODAY, tasks: shuffled }), zh)).toEqual(messages);
    expect(digestMessages(buildDigest({ week: WEEK, today: TODAY, tasks: [...FLEET].reverse() }), zh)).toEqual(messages);
  });
});

describe('the digest of a small week', () => {
  it('says so when nothing needs attention and everyone has answered, at a 100% rate', () => {
    const messages = digestMessages(buildDigest({ week: WEEK, today: TODAY, tasks: [task(), task({ code: 'DB-002' })] }), zh);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('报送率：<b>2/2 · 100%</b>');
    expect(messages[0]).toContain(zh('digest.noAttention'));
    expect(messages[0]).toContain(zh('digest.allReported'));
  });

  it('keeps a closed-out task out of the rate and the silent list, and lists it as closed out', () => {
    const tasks = [task(), task({ code: 'DB-002', facts: facts({ closedOut: true, silentCycles: 4 }) })];
    const [message] = digestMessages(buildDigest({ week: WEEK, today: TODAY, tasks }), zh);
    expect(message).toContain('报送率：<b>1/1 · 100%</b>');
    expect(message).toContain(zh('digest.allReported'));
    expect(message!.match(/DB-002/g)).toHaveLength(1);
    expect(message).toContain('✅ <b>DB-002</b>');
  });
});

describe('packMessages', () => {
  const a = (n: number, char = 'a') => char.repeat(n);

  it('puts blocks that add up to exactly the limit, newlines included, in one message', () => {
    const blocks = [a(1024), a(1024, 'b'), a(1024, 'c'), a(1021, 'd')]; // 4093 + 3 newlines = 4096
    const messages = packMessages(blocks, CONTINUED);
    expect(messages).toEqual([blocks.join('\n')]);
    expect(messages[0]).toHaveLength(MESSAGE_LIMIT);
  });

  it('starts a new message, marked as continued, when one more character would pass the limit', () => {
    const messages = packMessages([a(2000), a(2096, 'b')], CONTINUED);
    expect(messages).toEqual([a(2000), `${CONTINUED}\n${a(2096, 'b')}`]);
  });

  it('fills a continued message up to exactly the limit too', () => {
    const room = MESSAGE_LIMIT - CONTINUED.length - 1;
    const messages = packMessages([a(4000), a(room - 101, 'b'), a(100, 'c')], CONTINUED);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toBe(`${CONTINUED}\n${a(room - 101, 'b')}\n${a(100, 'c')}`);
    expect(messages[1]).toHaveLength(MESSAGE_LIMIT);
  });

  it('keeps whole a block exactly as long as a continued message has room for', () => {
    const room = MESSAGE_LIMIT - CONTINUED.length - 1;
    const messages = packMessages([a(100), a(room, 'x')], CONTINUED);
    expect(messages).toEqual([a(100), `${CONTINUED}\n${a(room, 'x')}`]);
    expect(messages[1]).toHaveLength(MESSAGE_LIMIT);
  });

  it('cuts a block too long for any message, marks the cut with "…", and stays within the limit', () => {
    const room = MESSAGE_LIMIT - CONTINUED.length - 1;
    const messages = packMessages([a(100), a(room + 1, 'x')], CONTINUED);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toHaveLength(MESSAGE_LIMIT);
    expect(messages[1]!.endsWith('x…')).toBe(true);
  });

  it('loses no block and changes no block that fits', () => {
    const blocks = Array.from({ length: 300 }, (_, i) => `第${i}项 ${a(i % 97)}`);
    const messages = packMessages(blocks, CONTINUED);
    const rejoined = messages.map((message, index) => (index === 0 ? message : message.slice(CONTINUED.length + 1))).join('\n');
    expect(rejoined).toBe(blocks.join('\n'));
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it('gives no message for no blocks', () => {
    expect(packMessages([], CONTINUED)).toEqual([]);
  });
});

describe('an item longer than any message', () => {
  it('is cut as plain text on a character boundary, never inside an entity or a tag', async () => {
    const { packMessages } = await import('../../src/render/html.ts');
    const huge = `<b>A-1</b> ${'工程&amp;项目🚧'.repeat(600)}`;
    const messages = packMessages(['heading', huge], '(cont.)');
    const last = messages.at(-1)!;
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(4096);
    expect(messages.join('\n').startsWith('heading\n')).toBe(true);
    expect(last).toContain('A-1 工程&amp;项目🚧');
    expect(last).not.toMatch(/<\/?b>/);
    expect(last.endsWith('…')).toBe(true);
    expect(last).not.toMatch(/&[a-z]*…$/);
    expect(last).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});

describe('a reply longer than any message', () => {
  it('is split into several messages, nothing lost, none over the limit', () => {
    const note = '完成入户调查&amp;签约'.repeat(600);
    const messages = packMessages(['✅ 已记录 <b>A-1</b>', `说明：${note}`, '本周内可随时更正'], '…', { overLong: 'split' });
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    const rejoined = messages.map((message, i) => (i === 0 ? message : message.slice(2))).join('');
    expect(rejoined.replace(/\n/g, '')).toContain(note);
  });
});
