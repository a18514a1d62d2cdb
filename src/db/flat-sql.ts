import type { OperationNode, RawBuilder, RawNode, ValueNode } from 'kysely';

/** A query written with `sql` as SQLite runs it: text with `?` placeholders, and their values. */
export interface FlatSql {
  sql: string;
  parameters: unknown[];
}

const literal = (value: unknown): string => (typeof value === 'number' || typeof value === 'bigint' ? String(value) : `'${String(value).replaceAll("'", "''")}'`);

function flatten(node: RawNode, text: string[], parameters: unknown[]): boolean {
  const { sqlFragments, parameters: inner } = node;
  for (let i = 0; i < sqlFragments.length; i += 1) {
    text.push(sqlFragments[i]!);
    const parameter: OperationNode | undefined = inner[i];
    if (parameter === undefined) continue;
    if (parameter.kind === 'ValueNode') {
      const { value, immediate } = parameter as ValueNode;
      if (immediate) text.push(literal(value));
      else {
        text.push('?');
        parameters.push(value);
      }
    } else if (parameter.kind === 'RawNode') {
      if (!flatten(parameter as RawNode, text, parameters)) return false;
    } else return false;
  }
  return true;
}

/**
 * A query made only of `sql` fragments, values and `sql.lit` flattened in one walk: kysely's
 * compiler does the same in several times the time, and an answer runs a dozen such queries.
 * Undefined for anything else (`sql.table`, `sql.ref`, a builder): compile those with kysely.
 *
 * @example flatSql(sql`select id from tasks where code = ${'ZX-01'}`) // { sql: 'select id from tasks where code = ?', parameters: ['ZX-01'] }
 */
export function flatSql(query: RawBuilder<unknown>): FlatSql | undefined {
  const text: string[] = [];
  const parameters: unknown[] = [];
  return flatten(query.toOperationNode() as RawNode, text, parameters) ? { sql: text.join(''), parameters } : undefined;
}
