// Who may import whom (docs/ARCHITECTURE.md): the libraries form no cycle, foundations import no
// domain library, and the shared layers (moderation, realtime) import no library whose content
// they serve — those register themselves instead.
import { execFileSync } from 'node:child_process';

function graph(): Map<string, string[]> {
  const out = execFileSync(process.execPath, ['scripts/library-graph.mjs'], { encoding: 'utf8' });
  return new Map(
    out
      .trim()
      .split('\n')
      .map((line) => {
        const [lib, uses] = line.split('→').map((part) => part.trim());
        return [lib!, uses === '(nothing)' ? [] : uses!.split(', ')];
      }),
  );
}

const CONTENT = ['live', 'discussions', 'practices', 'home'];

describe('the library graph', () => {
  const libraries = graph();

  it('has no cycle (the script exits non-zero on one) and lists every library', () => {
    expect(libraries.size).toBeGreaterThan(10);
  });

  it('keeps the foundations free of domain libraries', () => {
    expect(libraries.get('contracts')).toEqual([]);
    expect(libraries.get('config')).toEqual([]);
    expect(libraries.get('persistence')).toEqual(['config']);
    expect(libraries.get('common')).toEqual(['contracts']);
  });

  it('lets moderation and realtime serve content without importing it', () => {
    for (const shared of ['moderation', 'realtime', 'notifications', 'exchanges'])
      expect([
        shared,
        (libraries.get(shared) ?? []).filter((lib) => CONTENT.includes(lib)),
      ]).toEqual([shared, []]);
  });
});
