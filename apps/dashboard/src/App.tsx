/**
 * The dashboard page: the view (range, filters, language) lives in the URL, the token in sessionStorage,
 * and the report is fetched again whenever the filters change.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { getReport } from './api.ts';
import { mergeSources } from './derive.ts';
import { LocaleContext } from './locale.ts';
import { MESSAGES } from './messages.ts';
import type { DashboardReport } from './report.ts';
import { AlertsBanner } from './sections/AlertsBanner.tsx';
import { Channels } from './sections/Channels.tsx';
import { ExperimentControls } from './sections/ExperimentControls.tsx';
import { Experiments } from './sections/Experiments.tsx';
import { Fields } from './sections/Fields.tsx';
import { FiltersForm } from './sections/FiltersForm.tsx';
import { Funnel } from './sections/Funnel.tsx';
import { Header } from './sections/Header.tsx';
import { Headline } from './sections/Headline.tsx';
import { KrCards } from './sections/KrCards.tsx';
import { Live } from './sections/Live.tsx';
import { OkrEditor } from './sections/OkrEditor.tsx';
import { Payments } from './sections/Payments.tsx';
import { SignIn } from './sections/SignIn.tsx';
import { SimulatedBanner } from './sections/SimulatedBanner.tsx';
import { forgetToken, initialToken, saveToken } from './token.ts';
import { parseView, reportQuery, type View, viewToSearch } from './url-state.ts';

type Load =
  | { readonly status: 'loading'; readonly report: DashboardReport | null }
  | { readonly status: 'ok'; readonly report: DashboardReport }
  | { readonly status: 'error'; readonly report: DashboardReport | null; readonly message: string | null };

export function App() {
  const [view, setView] = useState<View>(() => parseView(window.location.search));
  const [token, setToken] = useState<string | null>(initialToken);
  const [expired, setExpired] = useState(false);
  const [load, setLoad] = useState<Load>({ status: 'loading', report: null });
  const [reloads, setReloads] = useState(0);
  const [sources, setSources] = useState<readonly string[]>([]);
  const locale = useMemo(() => ({ lang: view.lang, m: MESSAGES[view.lang] }), [view.lang]);
  const { m } = locale;

  useEffect(() => {
    document.documentElement.lang = view.lang;
    document.title = m.title;
  }, [view.lang, m]);

  useEffect(() => {
    const onPop = () => setView(parseView(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  /** A new view: pushed to history so Back returns to the previous filters. */
  const navigate = useCallback((next: View) => {
    const url = `${window.location.pathname}${viewToSearch(next)}${window.location.hash}`;
    window.history.pushState(null, '', url);
    setView(next);
  }, []);

  const signOut = useCallback((wasExpired: boolean) => {
    forgetToken();
    setToken(null);
    setExpired(wasExpired);
    setLoad({ status: 'loading', report: null });
  }, []);

  const query = reportQuery(view);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string stands for the view's filters (not its language); reloads forces a refetch.
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    setLoad((previous) => ({ status: 'loading', report: previous.report }));
    getReport(view, token, controller.signal)
      .then((result) => {
        if (result.kind === 'ok') {
          setLoad({ status: 'ok', report: result.data });
          setSources((known) => mergeSources(known, result.data));
        } else if (result.kind === 'unauthorized') signOut(true);
        else {
          const message = result.message ?? result.merchantMessage;
          setLoad((previous) => ({ status: 'error', report: previous.report, message }));
        }
      })
      .catch(() => {
        // Aborted: a newer view replaced this request.
      });
    return () => controller.abort();
  }, [token, query, reloads, signOut]);

  const signIn = (value: string) => {
    saveToken(value);
    setExpired(false);
    setToken(value);
  };

  const report = load.report;
  return (
    <LocaleContext.Provider value={locale}>
      <a className="skip-link" href="#results">
        {m.skipToContent}
      </a>
      <Header
        view={view}
        onLanguage={(lang) => navigate({ ...view, lang })}
        onSignOut={token ? () => signOut(false) : null}
      />
      {!token ? (
        <main id="results" tabIndex={-1}>
          <SignIn expired={expired} onSignIn={signIn} />
        </main>
      ) : (
        <main id="results" tabIndex={-1} aria-busy={load.status === 'loading'}>
          <AlertsBanner token={token} reloads={reloads} />
          <FiltersForm view={view} sources={sources} report={report} onChange={navigate} />
          <p className="status" role="status">
            {load.status === 'loading' ? m.loading : ''}
          </p>
          {load.status === 'error' ? (
            <div className="error" role="alert">
              <p>{load.message ?? m.requestFailed}</p>
              <button type="button" onClick={() => setReloads((n) => n + 1)}>
                {m.retry}
              </button>
            </div>
          ) : null}
          {report ? (
            <>
              <SimulatedBanner
                report={report}
                view={view}
                token={token}
                onView={navigate}
                onDeleted={() => setReloads((n) => n + 1)}
                onUnauthorized={() => signOut(true)}
              />
              <Headline report={report} />
              <Live token={token} simulated={view.simulated} />
              <KrCards krs={report.krs} />
              <OkrEditor
                token={token}
                experiments={report.experiments.map((experiment) => experiment.key)}
                onSaved={() => setReloads((n) => n + 1)}
                onUnauthorized={() => signOut(true)}
              />
              <Funnel groups={report.funnel} cart={report.cartFunnel} />
              <Experiments experiments={report.experiments} />
              <ExperimentControls
                token={token}
                results={report.experiments}
                onChanged={() => setReloads((n) => n + 1)}
                onUnauthorized={() => signOut(true)}
              />
              <Fields fields={report.fields} />
              <Channels
                channels={report.channels}
                touch={view.touch}
                onTouch={(touch) => navigate({ ...view, touch })}
              />
              <Payments payments={report.payments} />
            </>
          ) : null}
        </main>
      )}
    </LocaleContext.Provider>
  );
}
