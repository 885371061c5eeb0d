/**
 * Just enough of a DOM to run the checkout script in a test: the page's elements with an id (from
 * the real server-rendered markup), the elements the script creates, events and focus. Test-only.
 */
type Listener = (event: { target: FakeElement; key?: string; preventDefault: () => void }) => unknown;

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export class FakeElement {
  readonly attrs = new Map<string, string>();
  readonly dataset: Record<string, string> = {};
  children: (FakeElement | string)[] = [];
  parent: FakeElement | undefined;
  hidden = false;
  disabled = false;
  checked = false;
  private typed: string | undefined;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(
    readonly tagName: string,
    private readonly doc: FakeDocument,
  ) {}

  get id(): string {
    return this.attrs.get('id') ?? '';
  }
  get value(): string {
    return this.typed ?? this.attrs.get('value') ?? '';
  }
  set value(v: string) {
    this.typed = v;
  }
  get textContent(): string {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  set textContent(v: string) {
    this.children = v === '' ? [] : [v];
  }
  setAttribute(name: string, value: string): void {
    this.attrs.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    this.attrs.delete(name);
  }
  append(...nodes: (FakeElement | string)[]): void {
    for (const node of nodes) {
      if (typeof node !== 'string') node.parent = this;
      this.children.push(node);
    }
  }
  replaceChildren(...nodes: (FakeElement | string)[]): void {
    this.children = [];
    this.append(...nodes);
  }
  descendants(): FakeElement[] {
    return this.children.flatMap((c) => (typeof c === 'string' ? [] : [c, ...c.descendants()]));
  }
  querySelector(selector: string): FakeElement | null {
    if (selector !== 'input:checked') throw new Error(`fake DOM: unsupported selector ${selector}`);
    return this.descendants().find((e) => e.tagName === 'input' && e.checked) ?? null;
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** Fires an event here and on every ancestor; resolves when the listeners' promises settle. */
  async dispatch(type: string, extra: { key?: string } = {}): Promise<void> {
    const results: unknown[] = [];
    for (let node: FakeElement | undefined = this; node; node = node.parent) {
      for (const l of node.listeners.get(type) ?? [])
        results.push(l({ target: this, ...extra, preventDefault() {} }));
    }
    await Promise.all(results);
  }
  focus(): void {
    this.doc.activeElement = this;
  }
}

export class FakeDocument {
  activeElement: FakeElement | undefined;
  private readonly page: FakeElement[] = [];
  private readonly created: FakeElement[] = [];

  /** Registers every element with an id in `markup`, with its class, name, hidden flag and data-*. */
  constructor(markup: string) {
    for (const match of markup.matchAll(/<([a-z0-9]+)\s([^>]*\bid="[^"]+"[^>]*)>/g)) {
      const element = new FakeElement(match[1] ?? '', this);
      for (const attr of (match[2] ?? '').matchAll(/([\w-]+)(?:="([^"]*)")?/g)) {
        const [, name = '', value = ''] = attr;
        if (name === 'hidden') element.hidden = true;
        else if (name.startsWith('data-')) {
          element.dataset[name.slice(5).replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase())] =
            decodeEntities(value);
        } else element.setAttribute(name, decodeEntities(value));
      }
      this.page.push(element);
    }
  }

  private all(): FakeElement[] {
    return [...this.page, ...this.created];
  }
  getElementById(id: string): FakeElement | null {
    return this.all().find((e) => e.id === id) ?? null;
  }
  getElementsByName(name: string): FakeElement[] {
    return this.all().filter((e) => e.getAttribute('name') === name);
  }
  createElement(tag: string): FakeElement {
    const element = new FakeElement(tag, this);
    this.created.push(element);
    return element;
  }
  querySelectorAll(selector: string): FakeElement[] {
    if (selector === '.err')
      return this.all().filter((e) => (e.getAttribute('class') ?? '').split(' ').includes('err'));
    if (selector === '[aria-invalid]') return this.all().filter((e) => e.attrs.has('aria-invalid'));
    throw new Error(`fake DOM: unsupported selector ${selector}`);
  }
}
