import {
  NETWORK_ROLES,
  POSITIONS,
  PRACTITIONER_STATUSES,
  type NetworkRole,
  type PractitionerStatus,
} from '#libs/contracts';
import type { Actor } from '#libs/common';
import {
  canActOnPractitioner,
  canHoldPosition,
  type PractitionerAction,
} from './practitioners.policy.js';

const ACTIONS: PractitionerAction[] = ['view', 'view-suspended', 'suspend', 'reinstate'];
const ACTOR_ID = 'actor';

/**
 * The rules in the product's words, written independently of the policy:
 * - anyone sees active people and themselves; coordinators and admins also see suspended
 *   people; invited and erased accounts are seen by nobody else;
 * - coordinators and admins may ask for the suspended list;
 * - nobody suspends or reinstates themselves, nor an erased account; admins act on anyone
 *   else; coordinators act on members only; members act on nobody.
 */
function expected(
  actorRole: NetworkRole,
  action: PractitionerAction,
  subject: { self: boolean; networkRole: NetworkRole; status: PractitionerStatus },
): boolean {
  const coordinatorOrAdmin = actorRole !== 'member';
  switch (action) {
    case 'view':
      if (subject.self) return true;
      if (subject.status === 'active') return true;
      return subject.status === 'suspended' && coordinatorOrAdmin;
    case 'view-suspended':
      return coordinatorOrAdmin;
    case 'suspend':
    case 'reinstate':
      if (subject.self || subject.status === 'erased') return false;
      if (actorRole === 'admin') return true;
      return actorRole === 'coordinator' && subject.networkRole === 'member';
  }
}

const cases: Array<
  [NetworkRole, PractitionerAction, boolean, NetworkRole, PractitionerStatus, boolean]
> = [];
for (const actorRole of NETWORK_ROLES) {
  for (const action of ACTIONS) {
    for (const self of [false, true]) {
      for (const subjectRole of NETWORK_ROLES) {
        // One's own role is the actor's role.
        if (self && subjectRole !== actorRole) continue;
        for (const status of PRACTITIONER_STATUSES) {
          cases.push([
            actorRole,
            action,
            self,
            subjectRole,
            status,
            expected(actorRole, action, { self, networkRole: subjectRole, status }),
          ]);
        }
      }
    }
  }
}

describe('canActOnPractitioner: every actor role × action × subject role × status, self included', () => {
  it.each(cases)(
    'a %s may %s (self: %s) a %s who is %s → %s',
    (actorRole, action, self, subjectRole, status, allowed) => {
      const actor: Actor = { id: ACTOR_ID, networkRole: actorRole };
      const subject = { id: self ? ACTOR_ID : 'someone-else', networkRole: subjectRole, status };
      expect(canActOnPractitioner(actor, action, subject)).toBe(allowed);
    },
  );

  it('covers the whole matrix', () => {
    // 3 actor roles × 4 actions × (3 other roles + self) × 4 statuses.
    expect(cases).toHaveLength(3 * 4 * 4 * 4);
  });
});

describe('canActOnPractitioner: spot checks that read like the product', () => {
  const member: Actor = { id: 'm', networkRole: 'member' };
  const coordinator: Actor = { id: 'c', networkRole: 'coordinator' };
  const admin: Actor = { id: 'a', networkRole: 'admin' };
  const person = (networkRole: NetworkRole, status: PractitionerStatus, id = 'p') => ({
    id,
    networkRole,
    status,
  });

  it('a member does not see a suspended member; a coordinator does', () => {
    expect(canActOnPractitioner(member, 'view', person('member', 'suspended'))).toBe(false);
    expect(canActOnPractitioner(coordinator, 'view', person('member', 'suspended'))).toBe(true);
  });

  it('nobody else sees an erased account, not even an admin', () => {
    for (const actor of [member, coordinator, admin]) {
      expect(canActOnPractitioner(actor, 'view', person('member', 'erased'))).toBe(false);
    }
  });

  it('a suspended person still sees their own profile', () => {
    expect(canActOnPractitioner(member, 'view', person('member', 'suspended', 'm'))).toBe(true);
  });

  it('a coordinator suspends a member but not another coordinator, an admin, or themselves', () => {
    expect(canActOnPractitioner(coordinator, 'suspend', person('member', 'active'))).toBe(true);
    expect(canActOnPractitioner(coordinator, 'suspend', person('coordinator', 'active'))).toBe(
      false,
    );
    expect(canActOnPractitioner(coordinator, 'suspend', person('admin', 'active'))).toBe(false);
    expect(canActOnPractitioner(coordinator, 'suspend', person('coordinator', 'active', 'c'))).toBe(
      false,
    );
  });

  it('an admin suspends another admin but never themselves', () => {
    expect(canActOnPractitioner(admin, 'suspend', person('admin', 'active'))).toBe(true);
    expect(canActOnPractitioner(admin, 'suspend', person('admin', 'active', 'a'))).toBe(false);
    expect(canActOnPractitioner(admin, 'reinstate', person('admin', 'suspended', 'a'))).toBe(false);
  });

  it('without a subject, only the suspended list may be asked for, by coordinators and admins', () => {
    for (const actor of [member, coordinator, admin]) {
      expect(canActOnPractitioner(actor, 'view')).toBe(false);
      expect(canActOnPractitioner(actor, 'suspend')).toBe(false);
      expect(canActOnPractitioner(actor, 'reinstate')).toBe(false);
    }
    expect(canActOnPractitioner(member, 'view-suspended')).toBe(false);
    expect(canActOnPractitioner(coordinator, 'view-suspended')).toBe(true);
    expect(canActOnPractitioner(admin, 'view-suspended')).toBe(true);
  });

  it('grants no action it does not know', () => {
    expect(
      canActOnPractitioner(admin, 'delete' as PractitionerAction, person('member', 'active')),
    ).toBeFalsy();
  });
});

describe('canHoldPosition', () => {
  it.each([
    ['member', 'coordinator', false],
    ['coordinator', 'coordinator', true],
    ['admin', 'coordinator', true],
    ['member', 'mayor', true],
    ['member', 'official', true],
    ['member', 'practitioner', true],
    ['member', 'researcher', true],
    ['member', 'civil-society', true],
    ['member', null, true],
  ] as const)('a %s may call themselves %s: %s', (role, position, allowed) => {
    expect(canHoldPosition(role, position)).toBe(allowed);
  });

  it('reserves every position that names a network role for people who hold it', () => {
    for (const position of POSITIONS) {
      const role = NETWORK_ROLES.find((r) => r === position);
      if (!role) continue;
      for (const holder of NETWORK_ROLES) {
        const rank = { member: 1, coordinator: 2, admin: 3 };
        expect(canHoldPosition(holder, position)).toBe(rank[holder] >= rank[role]);
      }
    }
  });
});
