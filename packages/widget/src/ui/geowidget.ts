/**
 * The InPost Geowidget v5 (reference/poland.md §2.1), loaded on demand: its stylesheet goes into the
 * widget's shadow root (where the map element lives), its script once into the page. A map whose
 * script cannot load (host refused, blocked, or silent for MAP_WAIT_MS) is removed and reported, so
 * the shopper is not left before an empty box.
 */

export interface GeowidgetOptions {
  readonly token: string;
  readonly language: 'pl' | 'en';
  /** `parcelCollect` (default), `parcelCollectPayment` (cash on delivery), `parcelCollect247`. */
  readonly config?: string;
  readonly sandbox?: boolean;
  /** Called with the point's name, e.g. `KRA010`: the id the shipment needs. */
  readonly onPoint: (id: string) => void;
  /** Called once when the map cannot load; the map is gone by then. */
  readonly onFail: () => void;
}

/** How long InPost's script may take before the shopper is told to use the list instead. */
export const MAP_WAIT_MS = 5_000;

const PRODUCTION = 'https://geowidget.inpost.pl';
const SANDBOX = 'https://sandbox-easy-geowidget-sdk.easypack24.net';

let counter = 0;

/** Puts the map into `container`; the returned function removes it again. */
export function mountGeowidget(container: HTMLElement, options: GeowidgetOptions): () => void {
  const base = options.sandbox ? SANDBOX : PRODUCTION;
  const root = container.getRootNode() as Document | ShadowRoot;
  const cssParent = root instanceof ShadowRoot ? root : document.head;
  if (!cssParent.querySelector(`link[href="${base}/inpost-geowidget.css"]`)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = `${base}/inpost-geowidget.css`;
    cssParent.append(link);
  }
  const map = document.createElement('inpost-geowidget');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fail = () => {
    if (!map.isConnected) return;
    clearTimeout(timer);
    map.remove();
    options.onFail();
  };
  timer = setTimeout(fail, MAP_WAIT_MS);
  void customElements.whenDefined('inpost-geowidget').then(() => clearTimeout(timer));
  // `onpoint` names a CustomEvent the widget dispatches on document; a unique name per map.
  const eventName = `kasa-inpost-point-${++counter}`;
  const onPoint = (event: Event) => {
    const detail =
      (event as CustomEvent<{ name?: unknown }>).detail ??
      (event as unknown as { details?: { name?: unknown } }).details;
    if (typeof detail?.name === 'string') options.onPoint(detail.name);
  };
  document.addEventListener(eventName, onPoint);
  map.setAttribute('token', options.token);
  map.setAttribute('language', options.language);
  map.setAttribute('config', options.config ?? 'parcelCollect');
  map.setAttribute('onpoint', eventName);
  // The map is in place before its script is asked for, so a script that fails at once removes it.
  container.append(map);
  const src = `${base}/inpost-geowidget.js`;
  if (!document.querySelector(`script[src="${src}"]`)) {
    const script = document.createElement('script');
    script.src = src;
    script.defer = true;
    // Gone again after an error, so the next time the map is shown it is tried anew.
    script.onerror = () => {
      script.remove();
      fail();
    };
    document.head.append(script);
  }
  return () => {
    clearTimeout(timer);
    document.removeEventListener(eventName, onPoint);
    map.remove();
  };
}
