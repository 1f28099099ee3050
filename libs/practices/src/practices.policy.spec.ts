import {
  PRACTICE_STATUSES,
  PRACTICE_VISIBILITIES,
  type PracticeStatus,
  type PracticeVisibility,
} from '#libs/contracts';
import type { Actor } from '#libs/common';
import {
  belongsInCompendium,
  canBeReviewer,
  canChooseVisibility,
  canExportCompendium,
  canOnPractice,
  canSeeAttribution,
  type PracticeAction,
  type PracticeFacts,
  searchScopeOf,
  termScopeOf,
  visibilityAllows,
} from './practices.policy.js';

const AUTHOR: Actor = { id: 'author', networkRole: 'member' };
const MEMBER: Actor = { id: 'member', networkRole: 'member' };
const COORDINATOR: Actor = { id: 'coordinator', networkRole: 'coordinator' };
const ADMIN: Actor = { id: 'admin', networkRole: 'admin' };
const ACTORS = {
  anonymous: null,
  author: AUTHOR,
  member: MEMBER,
  coordinator: COORDINATOR,
  admin: ADMIN,
};

const entry = (over: Partial<PracticeFacts> = {}): PracticeFacts => ({
  authorId: 'author',
  status: 'published',
  currentVersion: 1,
  publishedVisibility: 'network',
  hidden: false,
  ...over,
});
const outside = { publishedExchangeRole: null, reviewer: false };
const inExchange = { publishedExchangeRole: 'observer' as const, reviewer: false };
const reviewing = { publishedExchangeRole: null, reviewer: true };

describe('visibilityAllows', () => {
  it('public reaches everyone, network every member, exchange its members and coordinators', () => {
    const table = Object.entries(ACTORS).map(([name, actor]) => [
      name,
      ...PRACTICE_VISIBILITIES.map((v) => visibilityAllows(actor, v, null)),
      visibilityAllows(actor, 'exchange', 'participant'),
    ]);
    expect(table).toEqual([
      // name, exchange (outside), network, public, exchange (inside)
      ['anonymous', false, false, true, false],
      ['author', false, true, true, true],
      ['member', false, true, true, true],
      ['coordinator', true, true, true, true],
      ['admin', true, true, true, true],
    ]);
  });
});

describe('canOnPractice: reading', () => {
  it('reads a published version under its visibility, never a draft that was not published', () => {
    for (const visibility of PRACTICE_VISIBILITIES)
      for (const [name, actor] of Object.entries(ACTORS)) {
        const facts = entry({ publishedVisibility: visibility });
        expect([name, visibility, canOnPractice(actor, 'read-published', facts, outside)]).toEqual([
          name,
          visibility,
          visibilityAllows(actor, visibility, null),
        ]);
        expect(
          canOnPractice(
            actor,
            'read-published',
            { ...facts, currentVersion: null, publishedVisibility: null },
            inExchange,
          ),
        ).toBe(false);
      }
  });

  it('hides a hidden entry from everyone but coordinators and its author', () => {
    const hidden = entry({ hidden: true, publishedVisibility: 'public' });
    expect(
      Object.entries(ACTORS)
        .filter(([, a]) => canOnPractice(a, 'read-published', hidden, inExchange))
        .map(([n]) => n),
    ).toEqual(['author', 'coordinator', 'admin']);
    // Hosts of the exchange it was published from moderate it, so they still see it.
    const hosting = { publishedExchangeRole: 'host' as const, reviewer: false };
    expect(canOnPractice(MEMBER, 'read-published', hidden, hosting)).toBe(true);
    expect(canOnPractice(null, 'read-published', hidden, hosting)).toBe(false);
  });

  it('lets coordinators and the hosts of its exchange moderate an entry, nobody else', () => {
    for (const role of [null, 'observer', 'participant', 'host'] as const)
      for (const [name, actor] of Object.entries(ACTORS)) {
        const standing = { publishedExchangeRole: role, reviewer: false };
        const expected = ['coordinator', 'admin'].includes(name) || (actor && role === 'host');
        expect([name, role, canOnPractice(actor, 'moderate', entry(), standing)]).toEqual([
          name,
          role,
          Boolean(expected),
        ]);
      }
  });

  it('shows the working copy to its author, its reviewers and coordinators only', () => {
    for (const status of PRACTICE_STATUSES) {
      const facts = entry({ status });
      expect(
        Object.entries(ACTORS)
          .filter(([, a]) => canOnPractice(a, 'read-working', facts, outside))
          .map(([n]) => n),
      ).toEqual(['author', 'coordinator', 'admin']);
      expect(canOnPractice(MEMBER, 'read-working', facts, reviewing)).toBe(true);
      expect(canOnPractice(null, 'read-working', facts, reviewing)).toBe(false);
    }
  });
});

describe('canOnPractice: the workflow', () => {
  /** Who may do `action` in `status`, as [actor name, standing] pairs. */
  const who = (
    action: PracticeAction,
    status: PracticeStatus,
    over: Partial<PracticeFacts> = {},
  ) => {
    const names: string[] = [];
    for (const [name, actor] of Object.entries(ACTORS))
      if (canOnPractice(actor, action, entry({ status, ...over }), outside)) names.push(name);
    if (canOnPractice(MEMBER, action, entry({ status, ...over }), reviewing))
      names.push('reviewer');
    return names;
  };

  it.each(PRACTICE_STATUSES)('in %s', (status) => {
    const editable = ['draft', 'changes-requested', 'published'].includes(status);
    const editors = ['author', 'coordinator', 'admin'];
    expect(who('edit', status)).toEqual(editable ? editors : []);
    expect(who('submit', status)).toEqual(
      ['draft', 'changes-requested'].includes(status) ? editors : [],
    );
    expect(who('review', status)).toEqual(
      status === 'in-review' ? ['coordinator', 'admin', 'reviewer'] : [],
    );
    expect(who('comment', status)).toEqual(
      ['in-review', 'changes-requested'].includes(status) ? [...editors, 'reviewer'] : [],
    );
    expect(who('publish', status)).toEqual(status === 'in-review' ? ['coordinator', 'admin'] : []);
    expect(who('archive', status)).toEqual(status === 'archived' ? [] : ['coordinator', 'admin']);
    expect(who('archive', status, { currentVersion: null })).toEqual([]);
    expect(who('assign-reviewers', status)).toEqual(
      status === 'archived' ? [] : ['coordinator', 'admin'],
    );
    expect(who('moderate', status)).toEqual(['coordinator', 'admin']);
    expect(who('delete', status)).toEqual([]);
    expect(who('delete', status, { currentVersion: null })).toEqual(editors);
  });

  it('never lets an author review their own entry, even a coordinator author', () => {
    const own = entry({ status: 'in-review', authorId: 'coordinator' });
    expect(canOnPractice(COORDINATOR, 'review', own, reviewing)).toBe(false);
    expect(canOnPractice(COORDINATOR, 'publish', own, outside)).toBe(true);
  });
});

describe('placement, attribution, reviewers and the compendium', () => {
  it('lets only coordinators choose public, and exchange only with a seat in it', () => {
    expect(PRACTICE_VISIBILITIES.map((v) => canChooseVisibility(MEMBER, v, null))).toEqual([
      false,
      true,
      false,
    ]);
    expect(PRACTICE_VISIBILITIES.map((v) => canChooseVisibility(MEMBER, v, 'observer'))).toEqual([
      true,
      true,
      false,
    ]);
    expect(PRACTICE_VISIBILITIES.map((v) => canChooseVisibility(COORDINATOR, v, null))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('names people outside a Chatham House exchange to nobody', () => {
    expect(canSeeAttribution(null, false, null)).toBe(true);
    expect(canSeeAttribution(null, true, null)).toBe(false);
    expect(canSeeAttribution(MEMBER, true, null)).toBe(false);
    expect(canSeeAttribution(MEMBER, true, 'observer')).toBe(true);
    expect(canSeeAttribution(COORDINATOR, true, null)).toBe(true);
  });

  it('takes researchers, coordinators and admins as reviewers, if active', () => {
    const person = (
      networkRole: Actor['networkRole'],
      position: 'researcher' | 'mayor' | null,
      status = 'active',
    ) => ({ networkRole, position, status });
    expect(canBeReviewer(person('member', 'researcher'))).toBe(true);
    expect(canBeReviewer(person('member', 'mayor'))).toBe(false);
    expect(canBeReviewer(person('member', null))).toBe(false);
    expect(canBeReviewer(person('coordinator', null))).toBe(true);
    expect(canBeReviewer(person('admin', 'mayor'))).toBe(true);
    expect(canBeReviewer(person('member', 'researcher', 'suspended'))).toBe(false);
  });

  it('exports compendiums for coordinators, never with exchange entries', () => {
    expect(Object.values(ACTORS).map(canExportCompendium)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    const allowed = (audience: 'public' | 'network') =>
      PRACTICE_VISIBILITIES.filter((v: PracticeVisibility) => belongsInCompendium(v, audience));
    expect(allowed('public')).toEqual(['public']);
    expect(allowed('network')).toEqual(['network', 'public']);
  });
});

describe('search scopes', () => {
  it('asks public entries for a visitor, everything for a coordinator, and a member by id', () => {
    // A member's exchanges are read by the search's own statements (the visibility suite).
    expect(searchScopeOf(null)).toEqual({ kind: 'public' });
    expect(searchScopeOf(COORDINATOR)).toEqual({ kind: 'everything' });
    expect(searchScopeOf(MEMBER)).toEqual({ kind: 'member', memberId: MEMBER.id });
  });

  it("keeps each index row's vocabulary in the scope of its visibility", () => {
    const rows = [
      { visibility: 'public' as const, exchangeId: null },
      { visibility: 'network' as const, exchangeId: null },
      { visibility: 'exchange' as const, exchangeId: 'x1' },
    ];
    expect(rows.map(termScopeOf)).toEqual(['public', 'network', 'x:x1']);
  });
});
