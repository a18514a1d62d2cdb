/** DATABASE_URL names a database that cannot be opened, created or written: said by the entry points, naming the setting. */
export class UnusableDatabase extends Error {
  constructor(readonly where: string, readonly reason: string) {
    super(`cannot open the database ${where}: ${reason}`);
    this.name = 'UnusableDatabase';
  }
}
