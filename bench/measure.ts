/**
 * One measurement of `npm run bench`, run in a child process of its own so that its peak memory
 * is its own: `node --import tsx bench/measure.ts <name> '<json options>'` prints a JSON result.
 * Each loads only the modules it measures (all of them cost a quick run about a second a child).
 */
const measurements = {
  fanout: async () => (await import('./measure-fanout.ts')).fanout,
  fanoutByProcesses: async () => (await import('./measure-fanout.ts')).fanoutByProcesses,
  ingest: async () => (await import('./measure-ingest.ts')).ingest,
  startBurst: async () => (await import('./measure-replies.ts')).startBurst,
  ackLatency: async () => (await import('./measure-replies.ts')).ackLatency,
  seedDigest: async () => (await import('./measure-digest.ts')).seedDigest,
  digest: async () => (await import('./measure-digest.ts')).digest,
  seedAndDigest: async () => (await import('./measure-digest.ts')).seedAndDigest,
  import: async () => (await import('./measure-import.ts')).importTable,
  board: async () => (await import('./measure-board.ts')).board,
  idleBot: async () => (await import('./measure-idle.ts')).idleBot,
  seedAndDigestPostgres: async () => (await import('./measure-digest.ts')).seedAndDigestPostgres,
} as const;

const [name, options] = process.argv.slice(2) as [keyof typeof measurements, string];
const measure = (await measurements[name]()) as (options: unknown) => Promise<unknown>;
process.stdout.write(`${JSON.stringify(await measure(JSON.parse(options)))}\n`);
process.exit(0);
