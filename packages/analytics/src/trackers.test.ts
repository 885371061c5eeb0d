import { describe, expect, it } from 'vitest';
import { trackerOf } from './trackers.ts';

describe('trackerOf', () => {
  it.each([
    ['https://kasa.atlassian.net/browse/KASA-12', 'jira', 'KASA-12'],
    [
      'https://kasa.atlassian.net/jira/software/projects/KASA/boards/1?selectedIssue=KASA-7',
      'jira',
      'KASA-7',
    ],
    ['https://jira.sklep.pl/browse/SHOP_2-123', 'jira', 'SHOP_2-123'],
    ['https://trello.com/c/AbCd1234/12-krotszy-checkout', 'trello', 'AbCd1234'],
    ['https://gitlab.com/acme/shop/-/issues/42', 'gitlab', 'shop#42'],
    ['https://git.sklep.pl/team/sub/shop/-/merge_requests/7', 'gitlab', 'shop!7'],
    ['https://gitlab.com/acme/shop/-/work_items/9', 'gitlab', 'shop#9'],
    ['https://github.com/acme/shop/issues/5', 'github', 'acme/shop#5'],
    ['https://www.github.com/acme/shop/pull/6/files', 'github', 'acme/shop#6'],
    ['https://linear.app/acme/issue/abc-1/checkout-w-krokach', 'linear', 'ABC-1'],
    ['https://app.asana.com/0/1200000000000001/1200000000000042', 'asana', '1200000000000042'],
  ])('recognises %s', (url, tracker, label) => {
    expect(trackerOf(url)).toEqual({ tracker, label });
  });

  it('shows the host of an address that is no known task page', () => {
    expect(trackerOf('https://www.example.com/notes/1')).toEqual({ tracker: null, label: 'example.com' });
    expect(trackerOf('https://github.com/acme/shop')).toEqual({ tracker: null, label: 'github.com' });
    expect(trackerOf('https://trello.com/b/board')).toEqual({ tracker: null, label: 'trello.com' });
    expect(trackerOf('https://kasa.atlassian.net/browse/not-a-key')).toEqual({
      tracker: null,
      label: 'kasa.atlassian.net',
    });
  });

  it('does not read a tracker into text that is not an http(s) address', () => {
    expect(trackerOf('KASA-12')).toEqual({ tracker: null, label: 'KASA-12' });
    expect(trackerOf('javascript:alert(1)//browse/KASA-1')).toEqual({
      tracker: null,
      label: 'javascript:alert(1)//browse/KASA-1',
    });
  });
});
