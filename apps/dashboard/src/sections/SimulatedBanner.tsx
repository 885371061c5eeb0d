import { type MouseEvent, useRef, useState } from 'react';
import { formatCount, formatShare } from '../format.ts';
import { useLocale } from '../locale.ts';
import type { DashboardReport } from '../report.ts';
import { deleteSimulated } from '../simulated-api.ts';
import { updateView, type View, viewToSearch } from '../url-state.ts';

type Deletion =
  | { readonly state: 'idle' }
  | { readonly state: 'deleting' }
  | { readonly state: 'done'; readonly checkouts: number; readonly events: number }
  | { readonly state: 'failed'; readonly message: string | null };

/**
 * What the view holds of the data `kasa simulate` and the demo seed made: how many simulated checkouts
 * the default (real only) view hides, with a link that shows them, or their share when they are shown;
 * and "Delete simulated data", asked for in a dialog, then DELETE /api/analytics/simulated.
 */
export function SimulatedBanner({
  report,
  view,
  token,
  onView,
  onDeleted,
  onUnauthorized,
}: {
  readonly report: Pick<DashboardReport, 'simulatedShare' | 'simulatedHidden'>;
  readonly view: View;
  readonly token: string;
  readonly onView: (view: View) => void;
  readonly onDeleted: () => void;
  readonly onUnauthorized: () => void;
}) {
  const { lang, m } = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const [deletion, setDeletion] = useState<Deletion>({ state: 'idle' });
  const { simulatedShare: share, simulatedHidden: hidden } = report;
  if (!(share > 0) && !(hidden > 0) && deletion.state === 'idle') return null;

  const withSimulated = updateView(view, 'simulated', 'both');
  const show = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    onView(withSimulated);
  };
  const confirmDeletion = async () => {
    dialog.current?.close();
    setDeletion({ state: 'deleting' });
    const result = await deleteSimulated(token, lang);
    if (result.kind === 'ok') {
      setDeletion({ state: 'done', ...result.data });
      onDeleted();
    } else if (result.kind === 'unauthorized') onUnauthorized();
    else setDeletion({ state: 'failed', message: result.message });
  };
  const headline =
    hidden > 0
      ? m.krSim.hidden(hidden, formatCount(hidden, lang))
      : share > 0
        ? m.simulatedBanner(formatShare(share, lang, 0))
        : null;
  return (
    <aside className="banner" aria-label={headline ?? m.krSim.deleteSimulated} data-testid="simulated-banner">
      {headline ? (
        <p>
          <strong>{headline}</strong> {hidden > 0 ? m.krSim.hiddenHint : m.simulatedHint}
        </p>
      ) : null}
      {hidden > 0 ? (
        <p>
          {/* Inline-block with a line of 44 px: a touch target, not a thin line of text. */}
          <a
            href={viewToSearch(withSimulated) || '?'}
            onClick={show}
            style={{ display: 'inline-block', lineHeight: '44px' }}
          >
            {m.krSim.showSimulated}
          </a>
        </p>
      ) : null}
      {share > 0 || hidden > 0 ? (
        <p>
          <button
            type="button"
            className="secondary"
            disabled={deletion.state === 'deleting'}
            onClick={() => dialog.current?.showModal()}
          >
            {m.krSim.deleteSimulated}
          </button>
        </p>
      ) : null}
      <p role="status">
        {deletion.state === 'deleting'
          ? m.krSim.deleting
          : deletion.state === 'done'
            ? m.krSim.deleted(
                deletion.checkouts,
                formatCount(deletion.checkouts, lang),
                deletion.events,
                formatCount(deletion.events, lang),
              )
            : ''}
      </p>
      {deletion.state === 'failed' ? <p role="alert">{deletion.message ?? m.krSim.deleteFailed}</p> : null}
      <dialog ref={dialog} aria-labelledby="simulated-delete-title">
        <h2 id="simulated-delete-title">{m.krSim.confirmTitle}</h2>
        <p>{m.krSim.confirmText}</p>
        <p>
          <button type="button" onClick={confirmDeletion}>
            {m.krSim.confirm}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {m.krSim.cancel}
          </button>
        </p>
      </dialog>
    </aside>
  );
}
