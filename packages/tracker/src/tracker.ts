import { attributionValue, type CheckoutEvent, ID_PATTERN, isServerEvent } from '@kasa/core';
import { checkoutVisitorId } from './checkout-visitor.ts';
import { consentReader, deniedConsent, mergeConsent } from './consent.ts';
import { compact, deviceClass, readTouch } from './context.ts';
import { dataLayerBridge } from './datalayer.ts';
import { gaContext } from './ga-cookies.ts';
import { uuid } from './ids.ts';
import { type Resolved, warn } from './options.ts';
import { outbox } from './outbox.ts';
import { looksPersonal, personalParam } from './privacy.ts';
import { type Identity, persistence } from './storage.ts';
import type { Consent, Tracker, WidgetEvent } from './types.ts';
import { visitorCookie } from './visitor-cookie.ts';

const SESSION_MS = 30 * 60_000;
/** An experiment key or variation: a token, and not a name an object inherits (the collector refuses those). */
const isKey = (value: unknown) =>
  typeof value === 'string' &&
  /^[a-z0-9_.-]{1,64}$/i.test(value) &&
  !/^(__proto__|constructor|prototype)$/.test(value);

/**
 * The tracker behind {@link createTracker}, over resolved options: consent, ids, context and page
 * lifecycle. Its methods may throw; `createTracker` wraps them so the host page never sees it.
 *
 * @example startTracker(resolved).track({ name: 'checkout_step_view', params: { section: 'contact' } });
 */
export function startTracker(o: Resolved): Tracker {
  const { win, now, random } = o;
  const doc = win?.document;
  const store = persistence(o.storage);
  const readConsent = consentReader(win);
  const pushToDataLayer = dataLayerBridge(win);
  const landing = readTouch(win);
  const device = deviceClass(win);
  const cookie = visitorCookie(win);
  let consent = deniedConsent();
  let identity: Identity | undefined;
  let checkoutId: string | undefined;
  let experiments: Record<string, string> | undefined;
  let ready: Promise<void> = Promise.resolve();
  let [loading, hidden, stopped, loads] = [false, false, false, 0];

  const granted = () => consent.analytics_storage === 'granted';
  const ads = () => consent.ad_storage === 'granted';
  const box = outbox(o, {
    muted: () => o.strict && !granted(),
    ready: () => ready,
    changed: () => granted() && store.save({ ...box.state(), id: identity && { ...identity } }),
  });

  /** A visitor id for a shopper who has none: the cookie's (the one the shop's backend saw), else
   * the one the server bucketed this checkout by, else a new one. */
  const freshVisitorId = async () =>
    cookie.read() ?? (checkoutId && (await checkoutVisitorId(checkoutId))) ?? uuid(4, now(), random);

  /** With analytics consent: the stored visitor, attribution and last page load's events. */
  const load = async () => {
    const run = ++loads;
    loading = true;
    const saved = await store.load();
    const kept = saved?.id;
    const id: Identity =
      typeof kept?.v === 'string' && ID_PATTERN.test(kept.v)
        ? kept
        : { v: await freshVisitorId(), s: '', t: 0 };
    if (run !== loads) return; // consent changed twice meanwhile: the newer load takes over
    loading = false;
    if (!granted()) return;
    const touch = compact(landing.touch, ads());
    if (touch) [id.last, id.first] = [touch, id.first ?? touch];
    if (landing.referrerHost) id.ref = landing.referrerHost;
    identity = id;
    cookie.write(id.v);
    box.restore(saved?.q ?? [], saved?.d ?? 0);
  };

  const applyConsent = (next: Consent) => {
    const was = granted();
    consent = next;
    if (granted() && !was) ready = load();
    if (!granted() && was) {
      identity = undefined;
      store.erase();
      cookie.erase();
    }
  };

  const build = (event: WidgetEvent, ts: number, id: string): CheckoutEvent => {
    const e: Record<string, unknown> = { id, ts, shopId: o.shopId, checkoutId, experiments, device };
    if (granted() && identity) {
      if (!identity.s || ts - identity.t > SESSION_MS) identity.s = uuid(7, ts, random);
      identity.t = Math.max(identity.t, ts);
      e.visitorId = identity.v;
      e.sessionId = identity.s;
      e.firstTouch = compact(identity.first, ads());
      e.lastTouch = compact(identity.last, ads());
      e.referrerHost = attributionValue('referrerHost', identity.ref);
      try {
        e.ga = gaContext(doc?.cookie, consent);
      } catch {
        // Cookies refused here (a sandboxed frame): the purchase is forwarded without them.
      }
    }
    return { ...e, name: event.name, params: event.params } as CheckoutEvent;
  };

  const hide = () => {
    hidden = true;
    box.beacon();
  };
  const show = () => {
    hidden = false;
  };
  const safe = (fn: () => unknown) => () => {
    try {
      fn();
    } catch (error) {
      warn(String(error));
    }
  };
  const listeners: [EventTarget | undefined, string, () => void][] = [
    [win, 'pagehide', safe(hide)],
    [win, 'pageshow', show],
    [win, 'online', () => void box.retryNow()],
    [doc, 'visibilitychange', safe(() => (doc?.visibilityState === 'hidden' ? hide() : show()))],
  ];
  for (const [target, type, fn] of listeners) target?.addEventListener(type, fn);
  applyConsent(readConsent(consent));
  // Consent withdrawn while no tracker ran (in the shop's consent banner on another page).
  if (!granted() && cookie.read()) cookie.erase();

  return {
    track(event) {
      if (stopped) return;
      if (typeof event?.name !== 'string' || !event.params || typeof event.params !== 'object') {
        return warn('track() needs { name, params }; event ignored');
      }
      applyConsent(readConsent(consent));
      const bad = personalParam(event.params);
      if (bad) {
        box.drop();
        return warn(`${event.name} dropped and counted: params.${bad} looks like personal data`);
      }
      pushToDataLayer(event);
      // Purchases and payment outcomes are the server's to record (from the verified payment);
      // the collector would refuse them. The page's dataLayer still has them for the shop's tags.
      if (isServerEvent(event.name) || (o.strict && !granted())) return;
      const ts = Math.round(now());
      const id = uuid(7, ts, random);
      const add = () => box.add(build(event, ts, id), hidden);
      if (loading) void ready.then(add).catch((error) => warn(String(error)));
      else add();
    },
    setConsent: (update) => applyConsent(mergeConsent(consent, update)),
    setCheckout(id) {
      if (id === undefined || (typeof id === 'string' && ID_PATTERN.test(id))) checkoutId = id;
      else warn('checkoutId must be 1–64 letters, digits, _ or -; ignored');
    },
    setExperiments(record) {
      const all = Object.entries(record ?? {});
      const ok = all.filter(([k, v]) => isKey(k) && isKey(v) && !looksPersonal(v));
      if (ok.length < all.length)
        warn('experiment keys and variations must be tokens (a-z 0-9 _ . -); some ignored');
      experiments = ok.length ? Object.fromEntries(ok) : undefined;
    },
    flush: () => box.flush(),
    async shutdown() {
      if (stopped) return;
      stopped = true;
      for (const [target, type, fn] of listeners) target?.removeEventListener(type, fn);
      await box.stop();
    },
  };
}
