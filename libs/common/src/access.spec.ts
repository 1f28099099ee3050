import type { NetworkRole } from '#libs/contracts';
import { type AccessLevel, hasNetworkRole } from './access.js';

describe('hasNetworkRole', () => {
  const table: Array<[AccessLevel, NetworkRole | null, boolean]> = [
    ['public', null, true],
    ['member', null, false],
    ['member', 'member', true],
    ['member', 'coordinator', true],
    ['member', 'admin', true],
    ['coordinator', 'member', false],
    ['coordinator', 'coordinator', true],
    ['coordinator', 'admin', true],
    ['admin', 'member', false],
    ['admin', 'coordinator', false],
    ['admin', 'admin', true],
  ];
  it.each(table)('%s route, %s caller → %s', (level, role, allowed) => {
    expect(hasNetworkRole(role ? { id: 'x', networkRole: role } : null, level)).toBe(allowed);
  });
});
