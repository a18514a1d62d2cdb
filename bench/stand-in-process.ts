/** `node --import tsx bench/stand-in-process.ts '<options>'`: a BotApiStandIn on its own; prints its address. */
import { BotApiStandIn } from './stand-in.ts';

const standIn = new BotApiStandIn({ ...JSON.parse(process.argv[2] ?? '{}'), reportPath: '/__landed' });
process.stdout.write(`${await standIn.start()}\n`);
