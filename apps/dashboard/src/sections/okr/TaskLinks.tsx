import { type Tracker, trackerOf } from '@kasa/analytics';
import { useLocale } from '../../locale.ts';
import { addLink, removeLink, setLink } from '../../okr-edit.ts';
import type { Editing } from './editing.ts';
import { OkrField } from './OkrField.tsx';

const TRACKER_NAMES: Readonly<Record<Tracker, string>> = {
  jira: 'Jira',
  trello: 'Trello',
  gitlab: 'GitLab',
  github: 'GitHub',
  linear: 'Linear',
  asana: 'Asana',
};

const isWebAddress = (text: string): boolean => {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** The task links of an initiative: an address input each, and the task it names with its tracker. */
export function TaskLinks({
  editing,
  o,
  i,
  links,
}: {
  readonly editing: Editing;
  readonly o: number;
  readonly i: number;
  readonly links: readonly string[];
}) {
  const { m } = useLocale();
  const at = `objectives.${o}.initiatives.${i}.links`;
  return (
    <fieldset className="okr-links" id={editing.idFor(at)}>
      <legend>{m.okr.links}</legend>
      {links.map((link, l) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a link is its position; two may read the same while typed.
        <div className="okr-link" key={l}>
          <OkrField
            id={editing.idFor(`${at}.${l}`)}
            label={m.okr.link(l + 1)}
            mode="url"
            value={link}
            errors={editing.errorsAt(`${at}.${l}`)}
            onChange={(value) => editing.change((draft) => setLink(draft, o, i, l, value))}
          />
          {isWebAddress(link) ? <TaskLink url={link.trim()} /> : null}
          <button
            type="button"
            className="okr-remove"
            onClick={() => editing.change((draft) => removeLink(draft, o, i, l), true)}
          >
            {m.okr.removeLink(l + 1)}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        disabled={links.length >= 10}
        onClick={() => editing.change((draft) => addLink(draft, o, i), true)}
      >
        {m.okr.addLink}
      </button>
    </fieldset>
  );
}

/** A task as a link: its tracker as a badge and its key, opening in a new tab. */
function TaskLink({ url }: { readonly url: string }) {
  const { m } = useLocale();
  const { tracker, label } = trackerOf(url);
  return (
    <a className="task-link" href={url} target="_blank" rel="noopener noreferrer" data-testid="task-link">
      <span className={`tracker-badge tracker-${tracker ?? 'other'}`}>
        {tracker ? TRACKER_NAMES[tracker] : m.okr.otherTracker}
      </span>{' '}
      {label} <span className="visually-hidden">{m.okr.opensInNewTab}</span>
    </a>
  );
}
