import type { OperationNode, RawBuilder, RawNode, ValueNode } from 'kysely';

/** A query written with `sql` as SQLite runs it: text with `?` placeholders, and their values. */
export interface FlatSql {
  sql: string;
  parameters: unknown[];
}

const literal = (value: unknown): string => (typeof value === 'number' || typeof value === 'bigint' ? String(value) : `'${String(value).replaceAll("'", "''")}'`);

/**
 * A number for each template's strings: a given `sql` template passes the same array every time it
 * runs, so a query's shape (which templates, nested how, with which literals) names its text.
 */
const templateIds = new WeakMap<readonly string[], number>();
let nextTemplateId = 0;
const templateId = (fragments: readonly string[]) => {
  let id = templateIds.get(fragments);
  if (id === undefined) templateIds.set(fragments, (id = nextTemplateId++));
  return id;
};

/** Walks a query once: its values in order, and its shape; false for a node that is not `sql`'s. */
function walk(node: RawNode, shape: (number | string)[], values: unknown[]): boolean {
  shape.push(templateId(node.sqlFragments));
  for (const parameter of node.parameters as readonly OperationNode[]) {
    if (parameter.kind === 'ValueNode') {
      const { value, immediate } = parameter as ValueNode;
      if (immediate) shape.push(`=${literal(value)}`);
      else {
        shape.push('?');
        values.push(value);
      }
    } else if (parameter.kind === 'RawNode') {
      shape.push('(');
      if (!walk(parameter as RawNode, shape, values)) return false;
      shape.push(')');
    } else return false;
  }
  return true;
}

function textOf(node: RawNode, text: string[]): void {
  const { sqlFragments, parameters } = node;
  for (let i = 0; i < sqlFragments.length; i += 1) {
    text.push(sqlFragments[i]!);
    const parameter = parameters[i];
    if (parameter === undefined) continue;
    if (parameter.kind === 'RawNode') textOf(parameter as RawNode, text);
    else text.push((parameter as ValueNode).immediate ? literal((parameter as ValueNode).value) : '?');
  }
}

/** The values of a query with nothing nested in it and no literal, or undefined: the common case, walked without a shape. */
function plainValues({ parameters }: RawNode): unknown[] | undefined {
  const values = new Array<unknown>(parameters.length);
  for (let i = 0; i < parameters.length; i += 1) {
    const parameter = parameters[i]!;
    if (parameter.kind !== 'ValueNode' || (parameter as ValueNode).immediate) return undefined;
    values[i] = (parameter as ValueNode).value;
  }
  return values;
}

const plainTexts = new WeakMap<readonly string[], string>();
function plainText(fragments: readonly string[]): string {
  let text = plainTexts.get(fragments);
  if (text === undefined) plainTexts.set(fragments, (text = fragments.join('?')));
  return text;
}

const MOST_TEXTS = 2_000;
const texts = new Map<string, string>();

/**
 * A query made only of `sql` fragments, values and `sql.lit`, as text and values, its text built
 * once per shape: kysely's compiler does the same in several times the time, and an answer runs
 * a dozen such queries. Undefined for anything else (`sql.table`, `sql.ref`, a builder): compile
 * those with kysely.
 *
 * @example flatSql(sql`select id from tasks where code = ${'ZX-01'}`) // { sql: 'select id from tasks where code = ?', parameters: ['ZX-01'] }
 */
export function flatSql(query: RawBuilder<unknown>): FlatSql | undefined {
  const node = query.toOperationNode() as RawNode;
  const plain = plainValues(node);
  if (plain) return { sql: plainText(node.sqlFragments), parameters: plain };
  const shape: (number | string)[] = [];
  const parameters: unknown[] = [];
  if (!walk(node, shape, parameters)) return undefined;
  const key = shape.join(' ');
  let sql = texts.get(key);
  if (sql === undefined) {
    const text: string[] = [];
    textOf(node, text);
    // Templates made afresh each time (sql.raw of a built string) would grow this without end.
    if (texts.size >= MOST_TEXTS) texts.clear();
    texts.set(key, (sql = text.join('')));
  }
  return { sql, parameters };
}
