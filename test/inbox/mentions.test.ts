import {
  findMentions,
  mentionCandidates,
  mentionQueryAt,
  mentionToken,
} from '../../shared/mentions';

const agencies = [
  { code: 'INSPEKTORAT', name: 'Inspektorat Jenderal' },
  { code: 'BIROHUKUM', name: 'Biro Hukum' },
  { code: 'BIROHUKUM-SETJEN', name: 'Biro Hukum Sekretariat Jenderal' },
  { code: 'BAPPENAS', name: 'Kementerian PPN/Bappenas' },
];

describe('findMentions', () => {
  it('finds @CODE and @name, case-insensitive, each agency once, in order of first mention', () => {
    expect(findMentions('Mohon @inspektorat dan @Biro Hukum memeriksa.', agencies)).toEqual([
      'INSPEKTORAT',
      'BIROHUKUM',
    ]);
    expect(
      findMentions('@BAPPENAS, lalu @kementerian ppn/bappenas dan @INSPEKTORAT.', agencies),
    ).toEqual(['BAPPENAS', 'INSPEKTORAT']);
  });

  it('prefers the longest code or name that matches', () => {
    expect(findMentions('(@BIROHUKUM-SETJEN)', agencies)).toEqual(['BIROHUKUM-SETJEN']);
    expect(findMentions('@Biro Hukum Sekretariat Jenderal: mohon cek', agencies)).toEqual([
      'BIROHUKUM-SETJEN',
    ]);
  });

  it('ignores e-mail addresses, longer words and unknown agencies', () => {
    expect(findMentions('kirim ke admin@inspektorat.go.id', agencies)).toEqual([]);
    expect(findMentions('@INSPEKTORATX dan @BAPPENAS2 dan @KPK', agencies)).toEqual([]);
    expect(findMentions('tanpa sebutan sama sekali, Inspektorat saja', agencies)).toEqual([]);
    expect(findMentions('@', agencies)).toEqual([]);
  });
});

describe('mention autocomplete', () => {
  it('finds the mention being typed at the caret', () => {
    expect(mentionQueryAt('Mohon @insp', 11)).toEqual({ start: 6, query: 'insp' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('admin@insp', 10)).toBeNull();
    expect(mentionQueryAt('Mohon @insp dicek', 17)).toBeNull();
  });

  it('offers codes that start with the query, then names with a word that does', () => {
    expect(mentionCandidates('biro', agencies).map((a) => a.code)).toEqual([
      'BIROHUKUM',
      'BIROHUKUM-SETJEN',
    ]);
    expect(mentionCandidates('jender', agencies).map((a) => a.code)).toEqual([
      'INSPEKTORAT',
      'BIROHUKUM-SETJEN',
    ]);
    expect(mentionCandidates('', agencies, 2)).toHaveLength(2);
    expect(mentionToken(agencies[0])).toBe('@INSPEKTORAT ');
  });
});
