import { describe, expect, it } from 'vitest';
import {
  clearFilters,
  DEFAULT_VIEW,
  hasFilters,
  parseView,
  reportQuery,
  takeToken,
  updateView,
  viewToSearch,
} from './url-state.ts';

describe('view in the URL', () => {
  it('reads every filter and the language, and writes them back in a fixed order', () => {
    const search =
      '?lang=en&device=mobile&from=2026-01-05&to=2026-01-20&variant=multi-step&source=google&touch=first&simulated=both';
    const view = parseView(search);
    expect(view).toEqual({
      from: '2026-01-05',
      to: '2026-01-20',
      variant: 'multi-step',
      device: 'mobile',
      source: 'google',
      touch: 'first',
      simulated: 'both',
      lang: 'en',
    });
    expect(viewToSearch(view)).toBe(
      '?from=2026-01-05&to=2026-01-20&variant=multi-step&device=mobile&source=google&touch=first&simulated=both&lang=en',
    );
    expect(parseView(viewToSearch(view))).toEqual(view);
  });

  it('defaults to Polish, last touch, real checkouts only and no range', () => {
    expect(parseView('')).toEqual(DEFAULT_VIEW);
    expect(DEFAULT_VIEW.simulated).toBeUndefined();
    expect(viewToSearch(DEFAULT_VIEW)).toBe('');
    expect(hasFilters(DEFAULT_VIEW)).toBe(false);
    // An older link's explicit "real only" is the default now.
    expect(parseView('?simulated=false')).toEqual(DEFAULT_VIEW);
  });

  it('asks the API for simulated checkouts only, or both, when the data filter says so', () => {
    expect(reportQuery(parseView('?simulated=true'))).toBe('?simulated=true');
    expect(reportQuery(parseView('?simulated=both'))).toBe('?simulated=both');
    expect(reportQuery(updateView(DEFAULT_VIEW, 'simulated', 'both'))).toBe('?simulated=both');
    expect(hasFilters(updateView(DEFAULT_VIEW, 'simulated', true))).toBe(true);
  });

  it('drops values the API would refuse instead of sending them', () => {
    expect(
      parseView(
        '?from=2026-13-45&to=yesterday&variant=two-page&device=watch&touch=middle&simulated=maybe&lang=de',
      ),
    ).toEqual(DEFAULT_VIEW);
  });

  it('leaves the language out of the API query', () => {
    expect(reportQuery({ ...DEFAULT_VIEW, device: 'tablet', lang: 'en' })).toBe('?device=tablet');
    expect(reportQuery(DEFAULT_VIEW)).toBe('');
  });

  it('sets and removes one filter, and clears all but the language', () => {
    const view = updateView(DEFAULT_VIEW, 'device', 'mobile');
    expect(view.device).toBe('mobile');
    expect(updateView(view, 'device', undefined)).toEqual(DEFAULT_VIEW);
    expect(updateView(view, 'source', '')).toEqual(view);
    const english = { ...view, lang: 'en' as const, touch: 'first' as const };
    expect(hasFilters(english)).toBe(true);
    expect(clearFilters(english)).toEqual({ ...DEFAULT_VIEW, lang: 'en' });
  });
});

describe('token in the fragment', () => {
  it('takes the token out and keeps the rest of the fragment', () => {
    expect(takeToken('#token=abc.DEF-123')).toEqual({ token: 'abc.DEF-123', hash: '' });
    expect(takeToken('#token=abc&section=funnel')).toEqual({ token: 'abc', hash: '#section=funnel' });
    expect(takeToken('#results')).toEqual({ token: null, hash: '#results' });
    expect(takeToken('')).toEqual({ token: null, hash: '' });
    expect(takeToken('#token=')).toEqual({ token: null, hash: '' });
  });
});
