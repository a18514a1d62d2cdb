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
    expect(out).toContain('张伟（瓯江街道）您好！您的 Telegram 账号已绑定。');
    expect(out).toContain('📋 本周进度报送 · 2026-W24');
    expect(out).toContain('进度应在 0–100% 之间，您写的是 120%，未记录');
    expect(out).toContain('⏰ 催办');
    expect(out).toContain('📣 未报送情况');
    expect(out).toContain('报送率：6/8 · 75%');
    expect(out).toContain('赵敏（藤桥镇）：ZX-05');
    expect(out).toContain('50%（迟报）');
    expect(out).toMatch(/📎 附件：📊 2026-W24 各单位报送率与正常率（2026-W24\.png，\d+ KB）/);
    expect(out).toContain('督查周报-2026-W24.xlsx');
    expect(out).not.toMatch(/\/start [0-9A-Z]{10}/);
  });
});
