import { useEffect, useState } from 'react';
import { alertLine } from '../alerts.ts';
import { getAlerts, type MerchantAlert } from '../api.ts';
import { useLocale } from '../locale.ts';

/**
 * Payments the merchant must know about (money taken without a confirmed order, refunds to make,
 * failed or made, and who asked for them), from `GET /api/alerts`, above everything else; nothing
 * when there are none. Refunds are asked for with `kasa refund` or `POST /api/checkouts/{id}/refund`:
 * the dashboard lists no orders to offer the action on.
 */
export function AlertsBanner({ token, reloads }: { readonly token: string; readonly reloads: number }) {
  const { m } = useLocale();
  const [alerts, setAlerts] = useState<readonly MerchantAlert[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads (the page's "retry") asks again.
  useEffect(() => {
    let current = true;
    void getAlerts(token).then((result) => {
      if (current && result.kind === 'ok') setAlerts(result.data.alerts);
    });
    return () => {
      current = false;
    };
  }, [token, reloads]);
  if (alerts.length === 0) return null;
  return (
    <aside className="banner" role="alert" aria-label={m.alertsTitle}>
      <p>
        <strong>{m.alertsTitle}</strong>
      </p>
      <ul>
        {alerts.map((alert) => (
          <li key={`${alert.code}-${alert.paymentId}`}>{alertLine(alert, m)}</li>
        ))}
      </ul>
    </aside>
  );
}
