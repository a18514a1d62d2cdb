import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/translate.ts';
import { Html, htmlTranslator } from '../../src/render/html.ts';

describe('wording a message', () => {
  const zh = translator('zh-CN');
  const en = translator('en');

  it('puts each param in its place, in either language', () => {
    expect(zh('digest.rate', { reported: 3, total: 5, percent: 60 })).toBe('报送率：<b>3/5 · 60%</b>');
    expect(en('bot.whoami', { name: 'Zhang Wei', unit: 'Housing', roles: 'owner' })).toBe('You are Zhang Wei (Housing), role: owner.');
  });

  it('leaves a placeholder it has no param for as it was, and never expands a param', () => {
    expect(zh('bot.whoami', { name: '{unit}', roles: '责任人' })).toBe('您是 {unit}（{unit}），角色：责任人。');
  });

  it('escapes what people wrote for Telegram HTML, but not fragments rendered before', () => {
    const t = htmlTranslator(zh);
    const progress = new Html(t('answer.progress', { percent: 60 }));
    expect(t('answer.recorded', { code: 'ZX-01', title: '<b>A & B</b> > C', progress, late: new Html('') }))
      .toBe('✅ 已记录 <b>ZX-01</b> &lt;b&gt;A &amp; B&lt;/b&gt; &gt; C：60%');
  });
});
