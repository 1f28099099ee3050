import { mentionedIds, mentionToken, parseMentions, rewriteMentions } from './mentions.js';

const ROSA = { id: '0b0a3c1e-1111-4222-8333-444455556666', displayName: 'Rosa Delgado' };
const AHMED = { id: 'AAAAAAAA-1111-4222-8333-444455556666', displayName: 'Ahmed [the] *Mayor*' };

describe('mentions', () => {
  it('writes a markdown link with an escaped label and a lower-case id', () => {
    expect(mentionToken(ROSA)).toBe(`[@Rosa Delgado](mention:${ROSA.id})`);
    expect(mentionToken(AHMED)).toBe(
      '[@Ahmed \\[the\\] \\*Mayor\\*](mention:aaaaaaaa-1111-4222-8333-444455556666)',
    );
  });

  it('reads back what it wrote, in order, with labels unescaped', () => {
    const body = `Hi ${mentionToken(AHMED)} and ${mentionToken(ROSA)}!`;
    expect(parseMentions(body).map((m) => [m.id, m.label])).toEqual([
      [AHMED.id.toLowerCase(), 'Ahmed [the] *Mayor*'],
      [ROSA.id, 'Rosa Delgado'],
    ]);
    expect(mentionedIds(`${body} ${mentionToken(ROSA)}`)).toEqual([
      AHMED.id.toLowerCase(),
      ROSA.id,
    ]);
  });

  it('ignores mentions inside code spans and fenced blocks', () => {
    const token = mentionToken(ROSA);
    expect(mentionedIds(`\`${token}\``)).toEqual([]);
    expect(mentionedIds(`\`\`${token}\`\``)).toEqual([]);
    expect(mentionedIds(`\`\`\`\n${token}\n\`\`\`\nafter`)).toEqual([]);
    expect(mentionedIds(`~~~js\n${token}\n`)).toEqual([]);
    expect(mentionedIds(`\`code\` then ${token}`)).toEqual([ROSA.id]);
  });

  it('is not fooled by other links or near misses', () => {
    expect(mentionedIds(`[@Rosa](https://example.org/${ROSA.id})`)).toEqual([]);
    expect(mentionedIds(`[@Rosa](mention:not-a-uuid)`)).toEqual([]);
    expect(mentionedIds('[@](mention:0b0a3c1e-1111-4222-8333-444455556666)')).toEqual([]);
  });

  it('rewrites labels to the current names, and unknown people to plain text', () => {
    const body = `${mentionToken({ ...ROSA, displayName: 'Fake' })} and ${mentionToken(AHMED)}`;
    const names = new Map([[ROSA.id, 'Rosa Delgado']]);
    expect(rewriteMentions(body, (id) => names.get(id) ?? null)).toBe(
      `${mentionToken(ROSA)} and @Ahmed \\[the\\] \\*Mayor\\*`,
    );
    expect(rewriteMentions('no mentions', () => null)).toBe('no mentions');
  });
});
