/** Catches up the schedule as `npm start` does on start, at the instant AT, in its own process. */
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { translator } from '../../src/i18n/translate.ts';
import { catchUpMissedSteps } from '../../src/jobs/schedules.ts';
import { createLogger } from '../../src/logger.ts';

const config = loadConfig(process.env);
const db = openDatabase(config.databaseUrl);
await catchUpMissedSteps({ db, config, t: translator(config.locale), logger: createLogger({ level: 'error', secrets: [config.botToken] }), afterRun: () => {}, now: () => new Date(process.env.AT!) });
await db.destroy();
