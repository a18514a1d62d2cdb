import { describe, expect, it } from 'vitest';
import { parseButtonValue, parseReportText, type ReportText } from '../../src/domain/report-text.ts';

/** What a plain answer reads as: nothing but what a test sets. */
const report = (fields: Partial<ReportText>): ReportText => ({
  percent: null,
  blocked: false,
  sameAsBefore: false,
  note: null,
  problems: null,
  nextSteps: null,
  ...fields,
});

/** The reading of a text that must parse. */
function read(text: string): ReportText {
  const parsed = parseReportText(text);
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got ${parsed.problem}`);
  return parsed.value;
}

describe('parseReportText: the percent', () => {
  it('reads "60% 完成签约120户" as 60 with the rest as the note, the 120 staying in the note', () => {
    expect(read('60% 完成签约120户')).toEqual(report({ percent: 60, note: '完成签约120户' }));
  });

  it('reads a full-width percent sign, "60％"', () => {
    expect(read('60％')).toEqual(report({ percent: 60 }));
    expect(read('60％ 完成签约')).toEqual(report({ percent: 60, note: '完成签约' }));
  });

  it('reads full-width digits, "６０％"', () => {
    expect(read('６０％ 完成签约')).toEqual(report({ percent: 60, note: '完成签约' }));
  });

  it('reads "进度60%，完成签约": the 进度 prefix and the comma are not part of the note', () => {
    expect(read('进度60%，完成签约')).toEqual(report({ percent: 60, note: '完成签约' }));
    expect(read('进度：60% 完成')).toEqual(report({ percent: 60, note: '完成' }));
  });

  it('reads a note written right after the percent sign, "60%完成签约"', () => {
    expect(read('60%完成签约')).toEqual(report({ percent: 60, note: '完成签约' }));
  });

  it('reads a bare number followed by a space as the percent, "60 完成签约"', () => {
    expect(read('60 完成签约')).toEqual(report({ percent: 60, note: '完成签约' }));
    expect(read('60')).toEqual(report({ percent: 60 }));
  });

  it('does not read "120户已签约" as a percent: a number glued to a word is part of the note', () => {
    expect(read('120户已签约')).toEqual(report({ percent: null, note: '120户已签约' }));
    expect(read('2025年6月完成签约')).toEqual(report({ percent: null, note: '2025年6月完成签约' }));
  });

  it('rejects "120%", "-5" and "101" as out of range, naming the value', () => {
    expect(parseReportText('120%')).toEqual({ ok: false, problem: 'percent.range', value: '120%' });
    expect(parseReportText('-5')).toEqual({ ok: false, problem: 'percent.range', value: '-5%' });
    expect(parseReportText('101')).toEqual({ ok: false, problem: 'percent.range', value: '101%' });
    expect(parseReportText('120% 超额完成')).toMatchObject({ ok: false, problem: 'percent.range' });
  });

  it('accepts the ends of the range, 0 and 100', () => {
    expect(read('0%')).toEqual(report({ percent: 0 }));
    expect(read('100% 已完工')).toEqual(report({ percent: 100, note: '已完工' }));
  });

  it('rounds a decimal percent to a whole one', () => {
    expect(read('60.4%')).toEqual(report({ percent: 60 }));
    expect(read('60.5%')).toEqual(report({ percent: 61 }));
    expect(read('99.6%')).toEqual(report({ percent: 100 }));
  });
});

describe('parseReportText: blocked and no change', () => {
  it('reads "受阻 资金未到位" as blocked with the reason as the note', () => {
    expect(read('受阻 资金未到位')).toEqual(report({ blocked: true, note: '资金未到位' }));
  });

  it('reads the other words for blocked, alone or with punctuation', () => {
    expect(read('受阻')).toEqual(report({ blocked: true }));
    expect(read('受阻：资金未到位')).toEqual(report({ blocked: true, note: '资金未到位' }));
    expect(read('阻塞，等待审批')).toEqual(report({ blocked: true, note: '等待审批' }));
    expect(read('卡住 征地')).toEqual(report({ blocked: true, note: '征地' }));
    expect(read('Blocked waiting for funds')).toEqual(report({ blocked: true, note: 'waiting for funds' }));
  });

  it('reads a percent together with blocked, either way round', () => {
    expect(read('受阻 40%')).toEqual(report({ percent: 40, blocked: true }));
    expect(read('40% 受阻 资金未到位')).toEqual(report({ percent: 40, blocked: true, note: '资金未到位' }));
  });

  it('does not take an English word that merely starts with "blocked" for blocked', () => {
    expect(read('blockedness')).toEqual(report({ note: 'blockedness' }));
  });

  it('reads "无变化" as the same as before, with no percent', () => {
    expect(read('无变化')).toEqual(report({ sameAsBefore: true }));
    expect(read('同上周，继续推进')).toEqual(report({ sameAsBefore: true, note: '继续推进' }));
    expect(read('no change')).toEqual(report({ sameAsBefore: true }));
  });
});

describe('parseReportText: note, problems and next steps', () => {
  it('splits "50% 问题：资金未到位 下一步：协调财政" into its parts', () => {
    expect(read('50% 问题：资金未到位 下一步：协调财政')).toEqual(report({ percent: 50, problems: '资金未到位', nextSteps: '协调财政' }));
  });

  it('keeps the text before the first section as the note', () => {
    expect(read('50% 完成签约120户 问题：资金未到位 下一步：协调财政')).toEqual(
      report({ percent: 50, note: '完成签约120户', problems: '资金未到位', nextSteps: '协调财政' }),
    );
  });

  it('understands English section words, "problems:" and "next:", in any case', () => {
    expect(read('50% signed 120 households problems: funding late next: talk to finance')).toEqual(
      report({ percent: 50, note: 'signed 120 households', problems: 'funding late', nextSteps: 'talk to finance' }),
    );
    expect(read('50% Problems: funding Next steps: escalate')).toEqual(report({ percent: 50, problems: 'funding', nextSteps: 'escalate' }));
  });

  it('joins two sections of the same kind', () => {
    expect(read('30% 问题：资金未到位 困难：征地 计划：周五前上会')).toEqual(
      report({ percent: 30, problems: '资金未到位；征地', nextSteps: '周五前上会' }),
    );
  });

  it('keeps a note as written, its full-width punctuation included', () => {
    expect(read('60% 完成签约（一期），进展顺利。')).toEqual(report({ percent: 60, note: '完成签约（一期），进展顺利。' }));
  });

  it('reads an empty answer as nothing at all, not as an error', () => {
    expect(parseReportText('')).toEqual({ ok: true, value: report({}) });
    expect(parseReportText('   ')).toEqual({ ok: true, value: report({}) });
  });

  it('keeps a 4,000-character note whole', () => {
    const note = '完成入户调查并整理台账'.repeat(400); // 11 × 400 = 4,400 characters
    const long = note.slice(0, 4000);
    expect(long).toHaveLength(4000);
    const value = read(`80% ${long}`);
    expect(value.percent).toBe(80);
    expect(value.note).toBe(long);
    expect(value.note).toHaveLength(4000);
  });
});

describe('parseButtonValue', () => {
  it('reads the percent buttons, from 0 to 100', () => {
    expect(parseButtonValue('0')).toBe(0);
    expect(parseButtonValue('60')).toBe(60);
    expect(parseButtonValue('100')).toBe(100);
  });

  it('reads the "no change" and "blocked" buttons', () => {
    expect(parseButtonValue('same')).toBe('same');
    expect(parseButtonValue('blocked')).toBe('blocked');
  });

  it('rejects anything a button of ours never sends', () => {
    for (const value of ['101', 'abc', '-1', '', '1e2', ' 50', '50.5', 'SAME']) expect(parseButtonValue(value), value).toBeNull();
  });
});
