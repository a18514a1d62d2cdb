/** A `postgres://` or `postgresql://` URL: DATABASE_URL names PostgreSQL; anything else is a SQLite file. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);
