import { describe, expect, it } from 'vitest';
import { parseAssessCommand } from '../../src/domain/assess-command.ts';
import { assessmentResults, lowCriteria, type ScoreCard } from '../../src/domain/assessment-results.ts';
import { decodeButton, encodeButton } from '../../src/domain/callback-data.ts';
import { parseScoreReply } from '../../src/domain/score-reply.ts';
import { readTaskTable, type RawTable } from '../../src/domain/task-table.ts';
import { unitTypeOf } from '../../src/domain/unit-type.ts';
import { describeProblem } from '../../src/i18n/describe-problem.ts';
import { translator } from '../../src/i18n/translate.ts';

const table = (headers: string[], ...rows: string[][]): RawTable => ({ headers, rows: rows.map((cells, i) => ({ line: i + 2, cells })) });
const card = (raterUnitId: number, targetUnitId: number, scores: (number | null)[], comment: string | null = null): ScoreCard => ({ raterUnitId, targetUnitId, scores, comment });

describe('a reply to a scoring card', () => {
  it('reads the scores in order, then the comment, as officials type them', () => {
    expect(parseScoreReply('5 4 3 窗口服务有改进', 3)).toEqual({ ok: true, scores: [5, 4, 3], comment: '窗口服务有改进' });
    expect(parseScoreReply('５，４、３', 3)).toEqual({ ok: true, scores: [5, 4, 3], comment: null });
    expect(parseScoreReply('5分 4分 3分', 3)).toEqual({ ok: true, scores: [5, 4, 3], comment: null });
    expect(parseScoreReply('5 4 3窗口', 3)).toEqual({ ok: true, scores: [5, 4, 3], comment: '窗口' });
    // Past the criteria, a number belongs to the comment.
    expect(parseScoreReply('5 4 3 3个窗口还要排队', 3)).toEqual({ ok: true, scores: [5, 4, 3], comment: '3个窗口还要排队' });
    expect(parseScoreReply('窗口服务有改进', 3)).toEqual({ ok: true, scores: null, comment: '窗口服务有改进' });
  });

  it('refuses a score outside 1 to 5 and too few scores, saying which', () => {
    expect(parseScoreReply('6 4 3', 3)).toEqual({ ok: false, problem: 'outOfRange', found: 3, bad: '6' });
    expect(parseScoreReply('5 0 3', 3)).toMatchObject({ ok: false, problem: 'outOfRange', bad: '0' });
    expect(parseScoreReply('4.5 4 3', 3)).toMatchObject({ ok: false, problem: 'outOfRange', bad: '4.5' });
    expect(parseScoreReply('120% 好', 3)).toMatchObject({ ok: false, problem: 'outOfRange', bad: '120' });
    expect(parseScoreReply('5 4 好', 3)).toEqual({ ok: false, problem: 'tooFew', found: 2 });
  });
});

describe('a round’s results', () => {
  const targets = [{ unitId: 10, unit: '民政局' }, { unitId: 11, unit: '住建局' }, { unitId: 12, unit: '人社局' }];

  it('gives each rater unit one voice: the mean of its people, then the mean of the units', () => {
    // Unit 1 has three people (5, 4, 3 → 4); units 2 and 3 one each (2, 3). One voice each:
    // (4 + 2 + 3) / 3 = 3; by people it would be (5+4+3+2+3)/5 = 3.4.
    const [result] = assessmentResults({ criteria: 1, minRaterUnits: 3, targets: [targets[0]!], cards: [card(1, 10, [5]), card(1, 10, [4]), card(1, 10, [3]), card(2, 10, [2]), card(3, 10, [3])] });
    expect(result).toMatchObject({ means: [3], overall: 3, raters: 5, raterUnits: 3, rank: 1, enough: true });
  });

  it('ranks by the overall mean, equal scores sharing a rank, and shows nothing for too few rater units', () => {
    const cards = [
      ...[1, 2, 3].map((unit) => card(unit, 10, [4, 4])),
      ...[1, 2, 3].map((unit) => card(unit, 11, [5, 3])),
      card(1, 12, [5, 5], '很好'), card(2, 12, [5, 5]),
    ];
    const results = assessmentResults({ criteria: 2, minRaterUnits: 3, targets, cards });
    expect(results.map((r) => [r.unit, r.rank, r.overall, r.means, r.raterUnits])).toEqual([
      ['民政局', 1, 4, [4, 4], 3],
      ['住建局', 1, 4, [5, 3], 3],
      ['人社局', null, null, null, 2],
    ]);
    expect(results[2]!.comments).toEqual([]);
    expect(lowCriteria(results[1]!, 3.5)).toEqual([1]);
  });

  it('counts only finished cards, rounds to two decimals, and keeps the comments without their order', () => {
    const cards = [card(1, 10, [5, 4], '办事要跑多次'), card(2, 10, [4, 4]), card(3, 10, [4, 3], '窗口等候时间长'), card(4, 10, [1, null], '不满意')];
    const [result] = assessmentResults({ criteria: 2, minRaterUnits: 3, targets: [targets[0]!], cards });
    expect(result).toMatchObject({ raters: 3, raterUnits: 3, means: [4.33, 3.67], overall: 4 });
    expect(result!.comments).toEqual(['办事要跑多次', '不满意', '窗口等候时间长'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });
});

describe('the words of a round', () => {
  it('reads unit types as offices write them, and nothing else', () => {
    expect(['社区', '村（社区）', '居委会', 'Community'].map(unitTypeOf)).toEqual(['community', 'community', 'community', 'community']);
    expect(['街道', '镇', '乡镇'].map(unitTypeOf)).toEqual(['town', 'town', 'town']);
    expect(['区直部门', '委办局', 'department'].map(unitTypeOf)).toEqual(['department', 'department', 'department']);
    expect(['功能区', '开发区'].map(unitTypeOf)).toEqual(['zone', 'zone']);
    expect(unitTypeOf('企业')).toBeUndefined();
  });

  it('reads assess commands, the name before the options, a phone’s dash as two hyphens', () => {
    expect(parseAssessCommand(['open', '2026', '年度测评', '—raters', '社区', '--targets=部门', '--criteria', '服务态度，办事效率', '--closes', '2026-12-31'])).toEqual({
      action: 'open', name: '2026 年度测评', raters: '社区', targets: '部门', criteria: ['服务态度', '办事效率'], closes: '2026-12-31',
    });
    expect(parseAssessCommand(['open', '测评', '--raters', '社区'])).toEqual({ problem: 'missing', option: '--targets' });
    expect(parseAssessCommand(['open', '测评', '--raters', '社区', '--targets', '部门', '--weights', '1'])).toEqual({ problem: 'unknownOption', option: '--weights' });
    expect(parseAssessCommand(['results', '测评', '--json'])).toEqual({ action: 'results', name: '测评', json: true });
    expect(parseAssessCommand(['close'])).toEqual({ problem: 'usage' });
    expect(parseAssessCommand(['delete', '测评'])).toEqual({ problem: 'usage' });
  });

  it('encodes a score button and reads it back; a forged score still decodes, for the flow to refuse', () => {
    expect(encodeButton({ kind: 'score', cardId: 31, criterion: 2, score: 4 })).toBe('as:31:2:4');
    expect(decodeButton('as:31:2:4')).toEqual({ kind: 'score', cardId: 31, criterion: 2, score: 4 });
    expect(decodeButton('as:31:2:6')).toEqual({ kind: 'score', cardId: 31, criterion: 2, score: 6 });
    expect(decodeButton('as:31:2:10')).toBeUndefined();
  });
});

describe('the one table’s 单位类型 column', () => {
  const headers = ['编号', '事项', '责任单位', '单位类型', '责任人', '分管领导', '完成时限'];
  const row = (code: string, unit: string, type: string) => [code, '事项', unit, type, '张伟', '李明', '2026-12-31'];

  it('types the lead unit as offices write it; empty leaves it as it was', () => {
    const read = readTaskTable(table(headers, row('A-1', '东门社区', '村（社区）'), row('A-2', '东门社区', ''), row('A-3', '区民政局', '区直部门')));
    expect(read.ok && read.rows.map((r) => r.unitType)).toEqual(['community', null, 'department']);
  });

  it('refuses the whole file for an unknown type or one unit typed two ways, naming both lines', () => {
    const read = readTaskTable(table(headers, row('A-1', '东门社区', '社区'), row('A-2', '东门社区', '街道'), row('A-3', '区民政局', '企业')));
    expect(read.ok).toBe(false);
    const described = !read.ok ? read.problems.map((problem) => describeProblem(translator('zh-CN'), problem)) : [];
    expect(described).toEqual([
      '第 3 行 D 列「单位类型」：东门社区 在此标为“街道”，但第 2 行标为“社区”；同一单位只能有一种类型',
      '第 4 行 D 列「单位类型」：“企业”不是单位类型；可写：社区、街镇、功能区、部门，或留空',
    ]);
  });
});
