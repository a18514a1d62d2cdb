import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * A JSON logger that never prints a secret: every string in a log line, the message and
 * nested error texts included, has each secret replaced by `[secret]`. Telegraf's network
 * errors quote the request URL, and that URL holds the bot token.
 *
 * @example createLogger({ level: 'info', secrets: [config.botToken] })
 */
export function createLogger(options: { level: string; secrets: readonly (string | undefined)[]; destination?: pino.DestinationStream }): Logger {
  const secrets = options.secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const scrub = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('[secret]'), text);
  const scrubDeep = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (depth > 6 || value === null || typeof value !== 'object') return value;
    if (value instanceof Error) {
      const { name, message, stack, ...own } = value as Error & Record<string, unknown>;
      return scrubDeep({ type: name, message, stack, ...own, ...(value.cause ? { cause: value.cause } : {}) }, depth + 1);
    }
    if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, depth + 1)]));
  };
  return pino(
    {
      level: options.level,
      base: undefined,
      serializers: { err: (value: unknown) => value },
      formatters: { log: (object) => scrubDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}
