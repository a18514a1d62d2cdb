import { describe, expect, it } from 'vitest';
import { peopleInCell, unitsInCell } from '../../src/domain/names-in-cell.ts';
import { derivedTaskCode } from '../../src/domain/task-code.ts';
import { kindOfRow, lineRanges } from '../../src/domain/table-rows.ts';

describe('names in a cell, as offices write them', () => {
  it.each([
    ['张伟、李娜', ['张伟', '李娜'], []],
    ['张伟，李娜;王强／赵敏', ['张伟', '李娜', '王强', '赵敏'], []],
    ['张伟\n李娜', ['张伟', '李娜'], []],
    ['孙丽 赵敏', ['孙丽', '赵敏'], []],
    ['周杰（13800000000）', ['周杰'], ['13800000000']],
    ['周杰 0577-88881234', ['周杰'], ['0577-88881234']],
    ['王明副区长', ['王明'], ['副区长']],
    ['李强（副局长）', ['李强'], ['副局长']],
    ['李副区长', ['李副区长'], []],
    ['陈区长', ['陈区长'], []],
    ['买买提·艾力', ['买买提·艾力'], []],
  ])('reads 「%s」 as %j, taking out %j', (cell, names, takenOut) => {
    expect(peopleInCell(cell)).toMatchObject({ names, takenOut });
  });

  it('lists what still does not look like a name, keeping it as written', () => {
    expect(peopleInCell('人员12')).toEqual({ names: ['人员12'], takenOut: [], doubtful: ['人员12'] });
  });
});

describe('a lead unit and its co-units', () => {
  it.each([
    ['区发改局（牵头）、区财政局', '区发改局', ['区财政局'], false],
    ['区财政局、区发改局(牵头)', '区发改局', ['区财政局'], false],
    ['牵头：区住建局；配合：区城管局、各街道', '区住建局', ['区城管局', '各街道'], false],
    ['区民政局、区卫健局', '区民政局', ['区卫健局'], true],
    ['区住建局', '区住建局', [], false],
    ['区住房和城乡\n建设局', '区住房和城乡建设局', [], false],
    ['区住建局\n区城管局', '区住建局', ['区城管局'], true],
  ])('reads 「%s」', (cell, lead, coUnits, leadGuessed) => {
    expect(unitsInCell(cell)).toEqual({ lead, coUnits, leadGuessed });
  });
});

describe('codes for a table without 编号', () => {
  it('come from the unit and the title, whatever the blanks and punctuation, never from the row', () => {
    const code = derivedTaskCode('区住建局', '老旧小区改造');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(derivedTaskCode(' 区住建局 ', '老旧小区改造。')).toBe(code);
    expect(derivedTaskCode('区住建局', '老旧小区改造（二期）')).not.toBe(code);
    expect(derivedTaskCode('区民政局', '老旧小区改造')).not.toBe(code);
  });

  it('do not collide across a province-sized table of distinct tasks', () => {
    const codes = new Set(Array.from({ length: 100_000 }, (_, i) => derivedTaskCode(`单位${i % 500}`, `第${i}项重点工作`)));
    expect(codes.size).toBe(100_000);
  });
});

describe('rows that are not tasks', () => {
  it('knows a section heading, merged or not, and a total row; a half-filled task row stays a task', () => {
    expect(kindOfRow(['一、经济发展（2项）', '一、经济发展（2项）', '一、经济发展（2项）'], '一、经济发展（2项）')).toBe('section');
    expect(kindOfRow([null, '（二）民生保障', null, null], '（二）民生保障')).toBe('section');
    expect(kindOfRow(['合 计', null, '12项'], null)).toBe('total');
    expect(kindOfRow([null, '老旧小区改造', null, null], '老旧小区改造')).toBe('task');
    expect(lineRanges([9, 3, 7, 8, 12])).toBe('3、7–9、12');
  });
});
