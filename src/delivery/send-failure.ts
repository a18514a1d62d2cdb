/**
 * What a failed Bot API call means for the message, from Telegram's answer:
 * - `rateLimited`: 429 with retry_after — wait exactly that long, then try again;
 * - `unreachable`: 403 — the person blocked the bot or is gone; stop sending to them;
 * - `rejected`: any other 4xx — the message itself is wrong; record it, never retry;
 * - `transient`: 5xx, a network error, a timeout — try again later.
 */
export type SendFailure =
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'unreachable'; description: string }
  | { kind: 'rejected'; status: number; description: string }
  | { kind: 'transient'; description: string };

interface TelegrafError {
  code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
  response?: { error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } };
  message?: unknown;
}

export function classifySendFailure(error: unknown): SendFailure {
  const e = (error ?? {}) as TelegrafError;
  const status = typeof e.response?.error_code === 'number' ? e.response.error_code : typeof e.code === 'number' ? e.code : undefined;
  const description = String(e.response?.description ?? e.description ?? e.message ?? error);
  const retryAfter = e.response?.parameters?.retry_after ?? e.parameters?.retry_after;
  if (status === 429) return typeof retryAfter === 'number' ? { kind: 'rateLimited', retryAfterSeconds: retryAfter } : { kind: 'transient', description };
  if (status === 403) return { kind: 'unreachable', description };
  if (status !== undefined && status >= 400 && status < 500) return { kind: 'rejected', status, description };
  return { kind: 'transient', description };
}

/** Exponential backoff with full jitter: 1 s, 2 s, 4 s … up to 5 minutes, each times 0.5–1.5. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1)) * (0.5 + random());
}
