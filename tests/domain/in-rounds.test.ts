import { describe, expect, it } from 'vitest';
import { inRounds } from '../../src/domain/in-rounds.ts';

describe('prompts in rounds', () => {
  it("puts every person's first prompt before anyone's second, each person's in their order", () => {
    const prompts = ['张伟:1', '张伟:2', '张伟:3', '李娜:1', '王芳:1', '王芳:2'];
    expect(inRounds(prompts, (p) => p.split(':')[0])).toEqual(['张伟:1', '李娜:1', '王芳:1', '张伟:2', '王芳:2', '张伟:3']);
  });

  it('keeps every item exactly once', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ owner: i % 7 === 0 ? 0 : i % 13, i }));
    const out = inRounds(items, (x) => x.owner);
    expect(out.map((x) => x.i).sort((a, b) => a - b)).toEqual(items.map((x) => x.i));
  });
});
