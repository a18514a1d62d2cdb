import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npm run demo` is the README's first thing to try: it must run a whole week by itself. */
describe('npm run demo', () => {
  it('runs a compressed week against the emulator and prints the conversation and the digest', () => {
    const run = spawnSync(resolve('node_modules/.bin/tsx'), ['src/demo/demo.ts'], { encoding: 'utf8', env: { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR }, timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout;
    // The office sends its table in the chat, sees the preview, confirms.
    expect(out).toContain('预览（尚未导入）：一张表.csv');
    expect(out).toContain('＋ 新增 ZX-01 西片区城中村改造全面启动（瓯江街道）');
    expect(out).toContain('督考办：[✅ 确认导入]');
    expect(out).toContain('导入完成：一张表.csv');
    expect(out).toContain('张伟（瓯江街道）您好！您的 Telegram 账号已绑定。');
    expect(out).toContain('📋 本周进度报送 · 第24周（6月8日—14日）');
    expect(out).toContain('进度应在 0–100% 之间，您写的是 120%，未记录');
    expect(out).toContain('⏰ 催办');
    expect(out).toContain('📣 未报送情况');
    expect(out).toContain('报送率：6/8 · 75%');
    expect(out).toContain('赵敏（藤桥镇）：ZX-05');
    expect(out).toContain('50%（迟报）');
    expect(out).toMatch(/📎 附件：📊 第24周（6月8日—14日） 各单位红黄绿灯与报送率（2026-W24-1\.png，\d+ KB）/);
    // A milestone marked done from the prompt, with a photo, and listed as done in the digest.
    expect(out).toContain('王芳（区民政局）：[✅ 节点完成：05-31 方案报批]');
    expect(out).toContain('✅ 已标记 ZX-03 节点 2026-05-31 方案报批 完成（逾期 9 天完成）');
    expect(out).toContain('2026-06-09 ZX-03 节点 2026-05-31 方案报批 — 区民政局 · 王芳（逾期 9 天完成）');
    expect(out).not.toContain('方案报批 已逾期');
    // An on-track task's answer reaches the leaders too.
    expect(out).toMatch(/🟢 ZX-02 固定资产投资完成420亿元 · 45% · “完成投资189亿元/);
    expect(out).toContain('督查周报-2026-W24.xlsx');
    expect(out).not.toMatch(/\/start [0-9A-Z]{10}/);
  });
});
