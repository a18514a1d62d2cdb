import { describe, expect, it } from 'vitest';
import { readCsvTable, writeCsvTable } from '../../src/io/csv-table.ts';

/**
 * A cell of the exported CSV that Excel or WPS would run as a formula (`=HYPERLINK(…)` typed into
 * a title, a note starting with `+` or `-`) is written so that it shows as text, and reads back as
 * it was written.
 */
describe('the CSV export and formulas', () => {
  const risky = ['=HYPERLINK("http://example.invalid","点我")', '+86 138', '-5 项未完成', '@SUM(A1)'];
  const sheet = { name: 'x', columns: [{ header: '编号', kind: 'text' as const }, { header: '事项', kind: 'longText' as const }, { header: '进度', kind: 'number' as const }], rows: risky.map((title, i) => [`A-${i}`, title, -1 * i]) };

  it('puts an apostrophe before a text that would start a formula, and leaves numbers and ordinary text alone', () => {
    const text = writeCsvTable(sheet).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""点我"")"`);
    expect(text).toContain("'+86 138");
    expect(text).toContain("'-5 项未完成");
    expect(text).toContain("'@SUM(A1)");
    expect(text).toContain('A-3,');
    expect(text).toMatch(/,-3\r\n/);
  });

  it('reads back every cell as it was before the apostrophe', () => {
    const read = readCsvTable(writeCsvTable(sheet));
    expect(read.ok && read.table.rows.map((row) => row.cells[1])).toEqual(risky);
  });
});
