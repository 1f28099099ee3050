import type { NetworkRole } from '#libs/contracts';
import { canInvite } from './invitations.policy.js';

describe('canInvite: who may invite whom', () => {
  const table: Array<[NetworkRole, NetworkRole, boolean]> = [
    ['member', 'member', false],
    ['member', 'coordinator', false],
    ['member', 'admin', false],
    ['coordinator', 'member', true],
    ['coordinator', 'coordinator', true],
    ['coordinator', 'admin', false],
    ['admin', 'member', true],
    ['admin', 'coordinator', true],
    ['admin', 'admin', true],
  ];

  it.each(table)('a %s inviting someone as %s → %s', (actorRole, invitedRole, allowed) => {
    expect(canInvite({ id: 'actor', networkRole: actorRole }, invitedRole)).toBe(allowed);
  });

  it('covers every pair of roles', () => {
    expect(new Set(table.map(([a, b]) => `${a}/${b}`)).size).toBe(9);
  });

  it('refuses a role it does not know', () => {
    const unknown = 'superuser' as NetworkRole;
    for (const actorRole of ['member', 'coordinator'] as const) {
      expect(canInvite({ id: 'actor', networkRole: actorRole }, unknown)).toBe(false);
    }
  });
});
