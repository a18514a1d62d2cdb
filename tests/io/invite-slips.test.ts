import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { inviteSlipSvgs, renderInviteSlips, SLIPS_PER_PAGE, type InviteSlip, type SlipLabels } from '../../src/io/invite-slips.ts';
import { writeInvitesWorkbook, type InvitesHeaders } from '../../src/io/invites-workbook.ts';
import { decodeSlot } from '../support/qr-slips.ts';

const labels: SlipLabels = {
  title: '督办助手 · 绑定邀请',
  instruction: '用手机相机或 Telegram 扫描二维码，打开机器人后点“开始”；也可以把邀请码发给机器人。',
  page: (n, of) => `第 ${n} 页，共 ${of} 页`,
};

const link = (code: string) => `https://t.me/duban_bot?start=${code}`;
const person = (name: string, unit: string, role: string, code: string | null): InviteSlip => ({ name, unit, role, code, link: code && link(code) });

/** Eleven people in three units, the units interleaved as a roster might list them; 王芳 is already linked. */
const roster: InviteSlip[] = [
  person('张伟', '区住房和城乡建设局', '责任人', '7K3M9Q2XAB'),
  person('李娜', '城关街道办事处', '责任人', 'C4D5E6F7G8'),
  person('王芳', '区住房和城乡建设局', '分管领导', null),
  person('欧阳晓明', '区住房和城乡建设局', '分管领导', 'H9J0K1M2N3'),
  person('刘洋', '区教育局', '责任人', 'P4Q5R6S7T8'),
  person('陈静', '城关街道办事处', '分管领导', 'V9W0X1Y2Z3'),
  person('杨磊', '区教育局', '分管领导', '0A1B2C3D4E'),
  person('赵敏', '区住房和城乡建设局', '联络员', '5F6G7H8J9K'),
  person('黄强', '城关街道办事处', '联络员', 'MNPQRSTVWX'),
  person('周婷', '区教育局', '联络员', 'YZ01234567'),
  person('买买提·艾力', '区教育局', '责任人', '89ABCDEFGH'),
];

/** The unlinked people in the order the sheet prints them: by unit, units in the order they first appear. */
const printedOrder = ['区住房和城乡建设局', '城关街道办事处', '区教育局'].flatMap((unit) => roster.filter((p) => p.unit === unit && p.link));


describe('invite slips', () => {
  const pages = renderInviteSlips(roster, labels);
  const decoded = pages.map((png) => PNG.sync.read(png));
  writeFileSync('/tmp/slips-page1.png', pages[0]!);

  it('prints the ten unlinked people on two A4 pages at 150 dpi', () => {
    expect(pages).toHaveLength(2);
    for (const page of decoded) expect([page.width, page.height]).toEqual([1240, 1754]);
  });

  it("puts each person's deep link in their slip's QR code, grouped by unit", () => {
    const links = decoded.flatMap((page) => Array.from({ length: SLIPS_PER_PAGE }, (_, slot) => decodeSlot(page, slot)));
    expect(links).toEqual([...printedOrder.map((p) => link(p.code!)), ...Array<null>(6).fill(null)]);
  });

  it('prints no slip for a linked person', () => {
    const svgs = inviteSlipSvgs(roster, labels);
    expect(svgs.some((svg) => svg.includes('王芳'))).toBe(false);
    expect(svgs.join('')).toContain('张伟');
    expect(svgs[1]).toContain('第 2 页，共 2 页');
  });

  it('prints the code in groups under the QR code, and escapes text', () => {
    const [svg] = inviteSlipSvgs([person('A&B <C>', 'Unit "1"', 'x', '7K3M9Q2XAB')], labels);
    expect(svg).toContain('7K3 M9Q 2XAB');
    expect(svg).toContain('A&amp;B &lt;C&gt;');
    expect(svg).not.toContain('<C>');
  });

  it('prints nothing when everyone is linked', () => {
    expect(renderInviteSlips([person('王芳', '区教育局', '责任人', null)], labels)).toEqual([]);
  });
});

describe('invites workbook', () => {
  const headers: InvitesHeaders = { sheet: '邀请', unit: '单位', name: '姓名', role: '角色', link: '绑定链接', linked: '已绑定', yes: '是', no: '否' };

  it('writes one row per person, by unit then name, under a bold frozen filtered header', async () => {
    const rows = roster.map((p) => ({ unit: p.unit, name: p.name, role: p.role, link: p.link, linked: p.link === null }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeInvitesWorkbook(rows, headers)) as never);
    const sheet = workbook.getWorksheet('邀请')!;
    const values = sheet.getSheetValues().slice(1).map((row) => (row as ExcelJS.CellValue[]).slice(1));

    const collator = new Intl.Collator('zh-Hans-CN');
    const expected = [...rows]
      .sort((a, b) => collator.compare(a.unit, b.unit) || collator.compare(a.name, b.name))
      .map((row) => [row.unit, row.name, row.role, row.link ?? '', row.linked ? '是' : '否']);
    expect(values).toEqual([['单位', '姓名', '角色', '绑定链接', '已绑定'], ...expected]);
    // 城关 (chéng) before 区 (qū): by pinyin, as a Chinese list sorts.
    expect(values.slice(1).map((row) => row[0])).toEqual([...Array(3).fill('城关街道办事处'), ...Array(4).fill('区教育局'), ...Array(4).fill('区住房和城乡建设局')]);
    expect(values.find((row) => row[1] === '王芳')).toEqual(['区住房和城乡建设局', '王芳', '分管领导', '', '是']);

    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(20);
  });
});
