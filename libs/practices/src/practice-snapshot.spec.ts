import { diffSnapshots, emptyTexts, type PracticeSnapshot } from './practice-snapshot.js';

const base = (): PracticeSnapshot => ({
  originalLanguage: 'en',
  texts: {
    en: { ...emptyTexts(), title: 'Youth mentoring', summary: 'Mentors meet young people.' },
  },
  targetGroups: ['youth'],
  themes: ['youth-engagement'],
  cityIds: ['c1'],
  scale: 'city',
  periodStart: '2020-01',
  periodEnd: null,
  evidenceLevel: 'monitored',
  evaluationUrl: null,
  contact: { name: '', organisation: '', email: '' },
  visibility: 'network',
  exchangeId: null,
  sources: [],
  quoteIds: [],
});
const labels = {
  theme: (s: string) => s.toUpperCase(),
  city: (id: string) => `city ${id}`,
  exchange: () => 'X',
};

describe('diffSnapshots', () => {
  it('compares every field, word by word for texts', () => {
    const after = base();
    after.texts.en!.summary = 'Trained mentors meet young people weekly.';
    after.themes = ['mental-health', 'youth-engagement'];
    const changed = diffSnapshots(base(), after, labels).filter((f) => f.changed);
    expect(changed.map((f) => [f.field, f.language, f.before, f.after])).toEqual([
      ['summary', 'en', 'Mentors meet young people.', 'Trained mentors meet young people weekly.'],
      ['themes', null, 'YOUTH-ENGAGEMENT', 'MENTAL-HEALTH, YOUTH-ENGAGEMENT'],
    ]);
    expect(changed[0]!.segments.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: 'Mentors' },
      { op: 'insert', text: 'Trained mentors' },
      { op: 'insert', text: 'weekly' },
    ]);
  });

  it('shows an added translation as texts that were empty', () => {
    const after = base();
    after.texts.fr = { ...emptyTexts(), title: 'Mentorat des jeunes' };
    const changed = diffSnapshots(base(), after, labels).filter((f) => f.changed);
    expect(changed).toEqual([
      expect.objectContaining({
        field: 'title',
        language: 'fr',
        before: '',
        after: 'Mentorat des jeunes',
      }),
    ]);
  });

  it('finds nothing changed between equal snapshots', () => {
    expect(diffSnapshots(base(), base(), labels).every((f) => !f.changed)).toBe(true);
  });
});
