/**
 * A Map that forgets its oldest entries beyond `max`, so a long-running server does not grow
 * without bound. Setting a key again makes it the newest.
 *
 * @example const carts = new RecentMap<string, Cart>(1_000);
 */
export class RecentMap<K, V> extends Map<K, V> {
  readonly #max: number;

  constructor(max: number) {
    super();
    this.#max = max;
  }

  override set(key: K, value: V): this {
    this.delete(key);
    super.set(key, value);
    if (this.size > this.#max) this.delete(this.keys().next().value as K);
    return this;
  }
}
