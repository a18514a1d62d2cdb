// `npm test`: the whole suite on SQLite, then on PostgreSQL where a server answers. Each test makes
// its own database (a SQLite file, or a database on the server: TEST_DATABASE_URL names the server).
// On CI (CI=true) a PostgreSQL that does not answer fails the run: CI must run both.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const shown = server.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
const vitest = (args, env = {}) => spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    console.log(`PostgreSQL at ${shown} did not answer (${error.code ?? error.message}).`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const results = [];
console.log('\n== the suite on SQLite ==');
results.push(['SQLite', vitest(['--exclude', 'tests/timing/**'], { TEST_DATABASE_URL: '' })]);
console.log('\n== timing tests (one file at a time) ==');
results.push(['timing', vitest(['tests/timing', '--no-file-parallelism'], { TEST_DATABASE_URL: '' })]);
if (await answers(server)) {
  console.log(`\n== the suite on PostgreSQL (${shown}) ==`);
  results.push(['PostgreSQL', vitest(['--exclude', 'tests/timing/**'], { TEST_DATABASE_URL: server })]);
} else {
  console.log('The PostgreSQL suite was NOT run. Start PostgreSQL (or set TEST_DATABASE_URL) to run it.');
  if (process.env.CI === 'true') results.push(['PostgreSQL (required on CI)', false]);
}
console.log(`\n${results.map(([name, ok]) => `${ok ? 'passed' : 'FAILED'}: ${name}`).join('\n')}`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
