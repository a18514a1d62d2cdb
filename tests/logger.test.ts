import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

describe('logger', () => {
  it('scrubs the token from messages, fields and error texts, as telegraf network errors quote it', () => {
    const token = '987654:SECRET-token-value';
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', secrets: [token], destination: { write: (line: string) => void lines.push(line) } });
    const error = new Error(`request to https://api.telegram.org/bot${token}/getMe failed, reason: ECONNREFUSED`);
    logger.error({ err: error, url: `https://api.telegram.org/bot${token}/sendMessage`, nested: { deeper: [token] } }, `failed with ${token}`);
    const line = lines.join('');
    expect(line).not.toContain(token);
    expect(line).toContain('bot[secret]/getMe failed, reason: ECONNREFUSED');
    expect(JSON.parse(line)).toMatchObject({ msg: 'failed with [secret]', nested: { deeper: ['[secret]'] }, err: { type: 'Error' } });
  });
});
