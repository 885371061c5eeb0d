import { useEffect, useId, useRef, useState } from 'react';
import { request } from '../api.ts';
import { formatCount, formatMoney, formatRate } from '../format.ts';
import {
  clockTime,
  hourBars,
  LIVE_POLL_MS,
  type LiveFigures,
  liveChange,
  liveQuery,
  type OrdersAndRevenue,
  windowHours,
} from '../live.ts';
import { useLocale } from '../locale.ts';

const BOX = { width: 340, height: 150, left: 26, top: 16, bottom: 22 } as const;

/**
 * "Na żywo": what happens now, polled every 10 s while the tab is visible. Checkouts in progress,
 * orders and revenue of the last hour, 6 h and 24 h, orders per hour, and the checkouts whose outcome
 * is still open (the report leaves them out until their attribution window passes), with their
 * provisional conversion, overall and per experiment arm. Changes are announced politely, only when
 * orders come in or the checkouts in progress change.
 */
export function Live({
  token,
  simulated,
}: {
  readonly token: string;
  /** The page's data filter: real only when undefined, as the report. */
  readonly simulated: boolean | 'both' | undefined;
}) {
  const { lang, m } = useLocale();
  const id = useId();
  const [figures, setFigures] = useState<LiveFigures | null>(null);
  const [failed, setFailed] = useState(false);
  const [paused, setPaused] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<LiveFigures | null>(null);
  const words = useRef({ lang, m });
  words.current = { lang, m };

  useEffect(() => {
    let stopped = false;
    let controller: AbortController | null = null;
    previous.current = null;
    setUnavailable(false);
    const load = async () => {
      if (document.hidden || stopped) return;
      controller?.abort();
      controller = new AbortController();
      try {
        const result = await request<LiveFigures>(liveQuery(simulated), token, { signal: controller.signal });
        if (stopped) return;
        if (result.kind === 'error' && result.status === 404) {
          // A server without the live route (analytics on PostgreSQL): no section rather than an error every 10 s.
          setUnavailable(true);
          stopped = true;
          return;
        }
        if (result.kind !== 'ok') {
          setFailed(true);
          return;
        }
        setFailed(false);
        const change = liveChange(previous.current, result.data);
        previous.current = result.data;
        setFigures(result.data);
        if (change) {
          const { lang: l, m: w } = words.current;
          setAnnouncement(
            w.live.announce(
              change.newOrders,
              formatCount(change.newOrders, l),
              formatCount(change.inProgress, l),
              w.live.orders(change.orders24h, formatCount(change.orders24h, l)),
              formatMoney(change.revenue24h, l),
            ),
          );
        }
      } catch {
        // Aborted: a newer request or the section's end replaced it.
      }
    };
    const timer = window.setInterval(load, LIVE_POLL_MS);
    const onVisibility = () => {
      setPaused(document.hidden);
      if (!document.hidden) void load();
    };
    document.addEventListener('visibilitychange', onVisibility);
    setPaused(document.hidden);
    void load();
    return () => {
      stopped = true;
      controller?.abort();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [token, simulated]);

  if (unavailable) return null;
  const n = (x: number) => formatCount(x, lang);
  const money = (x: number) => formatMoney(x, lang);
  const tile = (label: string, value: OrdersAndRevenue, testId: string) => (
    <div className="tile" data-testid={testId}>
      <dt>{label}</dt>
      <dd className="value">{money(value.revenue)}</dd>
      <dd className="detail">{m.live.orders(value.orders, n(value.orders))}</dd>
    </div>
  );
  return (
    <section aria-labelledby={`${id}-title`} className="live" data-testid="live">
      <h2 id={`${id}-title`}>
        {m.live.title} <span className="live-dot" aria-hidden="true" />
      </h2>
      <p className="note">{m.live.intro(n(LIVE_POLL_MS / 1000))}</p>
      <p className="visually-hidden" aria-live="polite" data-testid="live-announcement">
        {announcement}
      </p>
      {failed ? <p className="note live-failed">{m.live.failed}</p> : null}
      {figures ? (
        <>
          <dl className="tiles live-tiles">
            <div className="tile" data-testid="live-in-progress">
              <dt>{m.live.inProgress}</dt>
              <dd className="value">{n(figures.inProgress)}</dd>
              <dd className="detail">{m.live.inProgressDetail(n(figures.inProgressMs / 60_000))}</dd>
            </div>
            {tile(m.live.lastHour, figures.totals.lastHour, 'live-last-hour')}
            {tile(m.live.last6Hours, figures.totals.last6Hours, 'live-last-6h')}
            {tile(m.live.last24Hours, figures.totals.last24Hours, 'live-last-24h')}
          </dl>
          <HourChart figures={figures} />
          <OpenOutcomes figures={figures} />
          <p className="note live-updated" data-testid="live-updated">
            {paused ? m.live.paused : m.live.updated(clockTime(figures.now, figures.now).time)}
          </p>
        </>
      ) : null}
    </section>
  );
}

/** Orders per clock hour as bars with the value above each, hour labels below and the scale on the left. */
function HourChart({ figures }: { readonly figures: LiveFigures }) {
  const { lang, m } = useLocale();
  const id = useId();
  const { bars, max, ticks, baseline } = hourBars(figures.hours, BOX);
  const hourOf = (start: number) => clockTime(start, figures.now).time;
  const busy = figures.hours
    .filter((h) => h.orders > 0)
    .map((h) =>
      m.live.chartHour(hourOf(h.start), formatCount(h.orders, lang), h.orders, formatMoney(h.revenue, lang)),
    )
    .join(', ');
  return (
    <figure className="live-chart">
      <figcaption aria-hidden="true">{m.live.chartTitle}</figcaption>
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-label={m.live.chartTitle}
        aria-describedby={`${id}-alt`}
        data-testid="live-chart"
      >
        <line className="axis" x1={BOX.left} x2={BOX.width} y1={baseline} y2={baseline} />
        <line className="axis" x1={BOX.left} x2={BOX.left} y1={BOX.top} y2={baseline} />
        <text className="axis-label" x={BOX.left - 4} y={BOX.top + 4} textAnchor="end">
          {formatCount(max, lang)}
        </text>
        <text className="axis-label" x={BOX.left - 4} y={baseline} textAnchor="end">
          0
        </text>
        {bars.map((bar) => (
          <g key={bar.hour.start}>
            <rect
              className={bar.current ? 'bar current' : 'bar'}
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={Math.max(bar.height, bar.hour.orders > 0 ? 1 : 0)}
            />
            {bar.hour.orders > 0 ? (
              <text className="bar-value" x={bar.x + bar.width / 2} y={bar.y - 3} textAnchor="middle">
                {formatCount(bar.hour.orders, lang)}
              </text>
            ) : null}
          </g>
        ))}
        {ticks.map((tick, i) => (
          <text
            key={tick.start}
            className="axis-label"
            x={tick.x}
            y={BOX.height - 6}
            textAnchor={i === ticks.length - 1 ? 'end' : 'middle'}
          >
            {i === ticks.length - 1 ? m.live.chartNow : hourOf(tick.start)}
          </text>
        ))}
      </svg>
      <p id={`${id}-alt`} className="visually-hidden" data-testid="live-chart-alt">
        {m.live.chartAlt(busy)}
      </p>
    </figure>
  );
}

/** The open-versus-final sentence, then the open checkouts of each experiment arm. */
function OpenOutcomes({ figures }: { readonly figures: LiveFigures }) {
  const { lang, m } = useLocale();
  const { open } = figures;
  const hours = formatCount(windowHours(figures), lang);
  const sentence =
    open.checkouts > 0 && open.firstFinalAt !== null && open.allFinalAt !== null
      ? m.live.open(
          open.checkouts,
          formatCount(open.checkouts, lang),
          hours,
          open.purchases,
          formatCount(open.purchases, lang),
          formatRate(open.conversion, lang, 0),
          clockTime(open.firstFinalAt, figures.now),
          clockTime(open.allFinalAt, figures.now),
        )
      : m.live.noneOpen(hours);
  const experiments = figures.experiments.filter((e) => e.arms.length > 0);
  return (
    <div className="live-open">
      <p data-testid="live-open">
        <strong>{sentence}</strong>
      </p>
      <p className="note">{m.live.openNote}</p>
      {experiments.length > 0 ? (
        <>
          <h3>{m.live.experimentsTitle}</h3>
          {experiments.map((experiment) => (
            <div key={experiment.key} className="live-experiment" data-testid="live-experiment">
              <p className="live-experiment-key">{experiment.key}</p>
              <ul>
                {experiment.arms.map((arm) => (
                  <li key={arm.variation}>
                    {m.live.arm(
                      arm.variation,
                      arm.checkouts,
                      formatCount(arm.checkouts, lang),
                      arm.purchases,
                      formatCount(arm.purchases, lang),
                      formatRate(arm.conversion, lang, 0),
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : null}
    </div>
  );
}
