/**
 * Shoper's list reading (fixtures/orders.list.params.doc-excerpt.txt): `limit` (default 10, at most
 * 50), `page` (from 1) or `offset`, `filters` (a JSON object) and `order`, answered in the envelope
 * `{count, pages, page, list}` with `count` a string (SDK List*Response). Pure.
 *
 * Filters: `{"field": value}` is equality; `{"field": {"<op>": value}}` with op among `=`, `!=`, `>`,
 * `>=`, `<`, `<=`, `in`, `not in`, `LIKE` (`%` any run, `_` one character, case-insensitive). A dotted
 * field reads a nested one (`status.type`, `stock.price`). Values compare as numbers when both read as
 * numbers, else as text. The operator names follow the contract; how real Shoper words `order` and
 * errors for a bad filter is a GUESS.
 */

export type Row = Readonly<Record<string, unknown>>;

export class ListQueryError extends Error {}

const MAX_LIMIT = 50;

const numeric = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
};

function compare(a: unknown, b: unknown): number {
  const [x, y] = [numeric(a), numeric(b)];
  if (x !== undefined && y !== undefined) return x - y;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

const equal = (a: unknown, b: unknown) => a !== undefined && a !== null && compare(a, b) === 0;

function like(value: unknown, pattern: unknown): boolean {
  if (value === undefined || value === null || typeof pattern !== 'string') return false;
  const source = pattern
    .split('')
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'is').test(String(value));
}

function fieldOf(row: Row, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function matchOne(value: unknown, condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    return equal(value, condition);
  }
  return Object.entries(condition).every(([op, operand]) => {
    switch (op.toLowerCase()) {
      case '=':
        return equal(value, operand);
      case '!=':
      case '<>':
        return !equal(value, operand);
      case '>':
        return compare(value, operand) > 0;
      case '>=':
        return compare(value, operand) >= 0;
      case '<':
        return compare(value, operand) < 0;
      case '<=':
        return compare(value, operand) <= 0;
      case 'in':
      case 'not in': {
        if (!Array.isArray(operand)) throw new ListQueryError(`filter operator "${op}" needs an array`);
        const found = operand.some((o) => equal(value, o));
        return op.toLowerCase() === 'in' ? found : !found;
      }
      case 'like':
        return like(value, operand);
      default:
        throw new ListQueryError(`unknown filter operator "${op}"`);
    }
  });
}

/** The `filters` parameter as an object; throws ListQueryError when it is not a JSON object. */
export function parseFilters(raw: string | null): Record<string, unknown> {
  if (raw === null || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ListQueryError('filters must be a JSON-encoded object');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ListQueryError('filters must be a JSON-encoded object');
  }
  return parsed as Record<string, unknown>;
}

const whole = (
  raw: string | null,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
) => {
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ListQueryError(
      `${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`,
    );
  }
  return value;
};

export interface ListEnvelope {
  readonly count: string;
  readonly pages: number;
  readonly page: number;
  readonly list: Row[];
}

/**
 * One page of `rows` as `GET /<resource>` answers it for these query parameters.
 *
 * @example
 * listPage([{ id: 1 }, { id: 2 }], new URLSearchParams('filters={"id":{"in":[2]}}'));
 * // { count: '1', pages: 1, page: 1, list: [{ id: 2 }] }
 */
export function listPage(rows: readonly Row[], query: URLSearchParams): ListEnvelope {
  const limit = whole(query.get('limit'), 'limit', 10, 1, MAX_LIMIT);
  const filters = parseFilters(query.get('filters'));
  const matching = rows.filter((row) =>
    Object.entries(filters).every(([field, condition]) => matchOne(fieldOf(row, field), condition)),
  );
  const order = (query.get('order') ?? '').trim();
  if (order !== '') {
    const [field = '', direction = 'asc'] = order.startsWith('-')
      ? [order.slice(1), 'desc']
      : order.split(/\s+/);
    const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
    matching.sort((a, b) => sign * compare(fieldOf(a, field), fieldOf(b, field)));
  }
  const offsetRaw = query.get('offset');
  const page = whole(query.get('page'), 'page', 1, 1);
  const start = offsetRaw === null ? (page - 1) * limit : whole(offsetRaw, 'offset', 0, 0);
  return {
    count: String(matching.length),
    pages: Math.ceil(matching.length / limit),
    page: offsetRaw === null ? page : Math.floor(start / limit) + 1,
    list: matching.slice(start, start + limit),
  };
}
