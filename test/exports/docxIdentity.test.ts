import {
  bookmarkName,
  MAX_BOOKMARK_NAME,
  parseBookmarkName,
} from '../../server/exports/docxIdentity';

const CLAUSE = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';

describe('bookmark names of an export', () => {
  test('a Pasal, a block and a Lampiran id round-trip through a hidden bookmark name of at most 40 characters', () => {
    for (const kind of ['clause', 'block', 'lampiran'] as const) {
      const name = bookmarkName(kind, CLAUSE)!;
      expect(name).toMatch(/^_[A-Za-z0-9_]+$/);
      expect(name.length).toBeLessThanOrEqual(MAX_BOOKMARK_NAME);
      expect(parseBookmarkName(name)).toEqual({ kind, id: CLAUSE });
    }
    expect(bookmarkName('clause', CLAUSE)).toBe('_Sel_c_3f2b8c1e9a4d4e6f8b2a1c3d5e7f9a0b');
  });

  test('the pembukaan and penutup have fixed names', () => {
    expect(bookmarkName('pembukaan')).toBe('_Sel_pembukaan');
    expect(parseBookmarkName('_Sel_penutup')).toEqual({ kind: 'penutup' });
  });

  test('an id that is not a canonical UUID gets no bookmark', () => {
    for (const id of ['c1', '', CLAUSE.toUpperCase(), `${CLAUSE}"/><w:b/>`, 'a'.repeat(32), null])
      expect(bookmarkName('clause', id)).toBeNull();
  });

  test('other bookmarks are not read as parts of the naskah', () => {
    for (const name of [
      '_GoBack',
      'Pasal1',
      '_Sel_c_123',
      '_Sel_x_' + 'a'.repeat(32),
      '_Sel_c_' + 'a'.repeat(33),
    ])
      expect(parseBookmarkName(name)).toBeNull();
    expect(parseBookmarkName('_Sel_B_' + CLAUSE.replace(/-/g, '').toUpperCase())).toEqual({
      kind: 'block',
      id: CLAUSE,
    });
  });
});
