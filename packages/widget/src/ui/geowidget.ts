/**
 * The InPost Geowidget v5 (reference/poland.md §2.1), loaded on demand: its stylesheet goes into the
 * widget's shadow root (where the map element lives), its script once into the page.
 */

export interface GeowidgetOptions {
  readonly token: string;
  readonly language: 'pl' | 'en';
  /** `parcelCollect` (default), `parcelCollectPayment` (cash on delivery), `parcelCollect247`. */
  readonly config?: string;
  readonly sandbox?: boolean;
  /** Called with the point's name, e.g. `KRA010`: the id the shipment needs. */
  readonly onPoint: (id: string) => void;
}

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
  if (!document.querySelector(`script[src="${base}/inpost-geowidget.js"]`)) {
    const script = document.createElement('script');
    script.src = `${base}/inpost-geowidget.js`;
    script.defer = true;
    document.head.append(script);
  }
  // `onpoint` names a CustomEvent the widget dispatches on document; a unique name per map.
  const eventName = `kasa-inpost-point-${++counter}`;
  const onPoint = (event: Event) => {
    const detail =
      (event as CustomEvent<{ name?: unknown }>).detail ??
      (event as unknown as { details?: { name?: unknown } }).details;
    if (typeof detail?.name === 'string') options.onPoint(detail.name);
  };
  document.addEventListener(eventName, onPoint);
  const map = document.createElement('inpost-geowidget');
  map.setAttribute('token', options.token);
  map.setAttribute('language', options.language);
  map.setAttribute('config', options.config ?? 'parcelCollect');
  map.setAttribute('onpoint', eventName);
  container.append(map);
  return () => {
    document.removeEventListener(eventName, onPoint);
    map.remove();
  };
}
