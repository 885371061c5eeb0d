/** A form value as Stripe reads one: a string, a nested hash, or a list (`a[0]=x`). */
export type FormValue = string | FormHash | FormValue[];
export interface FormHash {
  [key: string]: FormValue;
}

/**
 * Decodes Stripe's form encoding (`metadata[kasa_attempt_id]=x&payment_method_types[0]=blik`) into
 * nested hashes and lists, as Stripe does with a request body or a query string.
 *
 * @example parseStripeForm('a[b]=1&c[0]=x'); // { a: { b: '1' }, c: ['x'] }
 */
export function parseStripeForm(encoded: string): FormHash {
  const root: FormHash = {};
  for (const [rawKey, value] of new URLSearchParams(encoded)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match?.[1]) continue;
    const path = [match[1], ...[...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '')];
    let node: FormHash = root;
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1;
      if (last) {
        node[segment] = value;
        break;
      }
      const next = node[segment];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next;
      else {
        const created: FormHash = {};
        node[segment] = created;
        node = created;
      }
    }
  }
  return listify(root) as FormHash;
}

/** Hashes whose keys are 0, 1, 2, … become lists, as `payment_method_types[0]` is one. */
function listify(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((k) => [k, listify(value[k] as FormValue)] as const);
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}

/** A string field of a decoded form, or undefined. */
export const str = (hash: FormHash | undefined, key: string): string | undefined => {
  const value = hash?.[key];
  return typeof value === 'string' ? value : undefined;
};

/** A nested hash of a decoded form, or undefined. */
export const hashOf = (hash: FormHash | undefined, key: string): FormHash | undefined => {
  const value = hash?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
};

/** A list of strings of a decoded form (`a[0]=x&a[1]=y`), or undefined. */
export const listOf = (hash: FormHash | undefined, key: string): string[] | undefined => {
  const value = hash?.[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
};
