/**
 * Which task tracker a link points at, read from the address alone (no integration, no request): the
 * dashboard shows an initiative's task links as "Jira KASA-12" or "GitLab shop#42". Pure and free of
 * dependencies, so the dashboard bundles it.
 */

export type Tracker = 'jira' | 'trello' | 'gitlab' | 'github' | 'linear' | 'asana';

export interface TrackedLink {
  /** null when the address is not one of the known trackers' task pages. */
  readonly tracker: Tracker | null;
  /** What to show: the issue key or number ('KASA-12', 'shop#42', 'shop!7'), else the host. */
  readonly label: string;
}

const JIRA_KEY = /^[A-Z][A-Z0-9_]+-\d+$/;

/** The path's segments, decoded, without empty ones. */
const segmentsOf = (url: URL): string[] =>
  url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });

function jira(url: URL, segments: readonly string[]): TrackedLink | null {
  const browse = segments.indexOf('browse');
  const key = browse >= 0 ? segments[browse + 1] : undefined;
  if (key && JIRA_KEY.test(key)) return { tracker: 'jira', label: key };
  const selected = url.searchParams.get('selectedIssue');
  if (url.hostname.endsWith('.atlassian.net') && selected && JIRA_KEY.test(selected)) {
    return { tracker: 'jira', label: selected };
  }
  return null;
}

function gitlab(segments: readonly string[]): TrackedLink | null {
  const dash = segments.indexOf('-');
  const kind = segments[dash + 1];
  const number = segments[dash + 2];
  if (dash < 1 || !number || !/^\d+$/.test(number)) return null;
  const project = segments[dash - 1];
  if (kind === 'issues' || kind === 'work_items') return { tracker: 'gitlab', label: `${project}#${number}` };
  if (kind === 'merge_requests') return { tracker: 'gitlab', label: `${project}!${number}` };
  return null;
}

function byHost(host: string, segments: readonly string[]): TrackedLink | null {
  if (host === 'trello.com' && segments[0] === 'c' && segments[1]) {
    return { tracker: 'trello', label: segments[1] };
  }
  if (host === 'github.com' && segments.length >= 4) {
    const [owner, repo, kind, number] = segments;
    if ((kind === 'issues' || kind === 'pull') && /^\d+$/.test(number ?? '')) {
      return { tracker: 'github', label: `${owner}/${repo}#${number}` };
    }
  }
  if (host === 'linear.app') {
    const at = segments.indexOf('issue');
    const id = at >= 0 ? segments[at + 1] : undefined;
    if (id && /^[A-Z][A-Z0-9]*-\d+$/i.test(id)) return { tracker: 'linear', label: id.toUpperCase() };
  }
  if (host === 'app.asana.com') {
    const task = segments.filter((segment) => /^\d+$/.test(segment)).at(-1);
    return { tracker: 'asana', label: task ?? 'Asana' };
  }
  return null;
}

/**
 * The tracker and the task's short name for a link to a task; `tracker: null` and the host for any
 * other address, and the text itself when it is not an address at all.
 *
 * @example
 * trackerOf('https://kasa.atlassian.net/browse/KASA-12'); // { tracker: 'jira', label: 'KASA-12' }
 * trackerOf('https://gitlab.com/acme/shop/-/issues/42'); // { tracker: 'gitlab', label: 'shop#42' }
 * trackerOf('https://example.com/notes'); // { tracker: null, label: 'example.com' }
 */
export function trackerOf(link: string): TrackedLink {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return { tracker: null, label: link.trim() };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { tracker: null, label: link.trim() };
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const segments = segmentsOf(url);
  return byHost(host, segments) ?? gitlab(segments) ?? jira(url, segments) ?? { tracker: null, label: host };
}
