import { useId } from 'react';
import { auditDetail, auditTime } from '../experiment-controls.ts';
import type { AuditEntry } from '../experiments-api.ts';
import { useLocale } from '../locale.ts';

/** Every change to the experiments, newest first: when, which experiment, what happened and who did it. */
export function ExperimentAudit({ audit }: { readonly audit: readonly AuditEntry[] }) {
  const { lang, m } = useLocale();
  const t = m.experimentControls;
  const id = useId();
  return (
    <div className="xc-audit">
      <h3 id={`${id}-title`}>{t.audit.title}</h3>
      {audit.length === 0 ? <p>{t.audit.none}</p> : null}
      <ul aria-labelledby={`${id}-title`}>
        {audit.map((entry) => {
          const detail = auditDetail(entry, t, lang);
          const offset = new Date(entry.at).getTimezoneOffset();
          return (
            <li key={`${entry.at}-${entry.experiment}-${entry.action}`} data-testid="audit-entry">
              <time dateTime={new Date(entry.at).toISOString()}>{auditTime(entry.at, offset, lang)}</time>
              {' — '}
              <strong>{entry.experiment}</strong>: {t.audit.actions[entry.action] ?? entry.action}
              {detail ? `, ${detail}` : ''}{' '}
              <span className="muted">({t.audit.actors[entry.actor] ?? entry.actor})</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
