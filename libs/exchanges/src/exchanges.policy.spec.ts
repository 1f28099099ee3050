import type { ExchangeRole, ExchangeStatus, NetworkRole } from '#libs/contracts';
import { canInExchange, type ExchangeAction } from './exchanges.policy.js';

const NETWORK: NetworkRole[] = ['member', 'coordinator', 'admin'];
const ROLES: Array<ExchangeRole | null> = [null, 'observer', 'participant', 'host'];
const STATUSES: ExchangeStatus[] = ['planned', 'active', 'concluded'];
const ACTIONS: ExchangeAction[] = [
  'create',
  'list',
  'read-content',
  'manage',
  'request-to-join',
  'leave',
];

/** The rule of thumb of DESIGN.md, written out independently of the policy. */
function expected(
  action: ExchangeAction,
  network: NetworkRole,
  role: ExchangeRole | null,
  status: ExchangeStatus,
): boolean {
  const coordinator = network !== 'member';
  switch (action) {
    case 'create':
      return coordinator;
    case 'list':
      return true;
    case 'read-content':
      return coordinator || role !== null;
    case 'manage':
      return coordinator || role === 'host';
    case 'request-to-join':
      return role === null && status !== 'concluded';
    case 'leave':
      return role !== null;
  }
}

describe('exchange policy', () => {
  const cases = ACTIONS.flatMap((action) =>
    NETWORK.flatMap((network) =>
      ROLES.flatMap((role) => STATUSES.map((status) => [action, network, role, status] as const)),
    ),
  );
  it.each(cases)('%s by a %s with role %s in a %s exchange', (action, network, role, status) => {
    expect(canInExchange({ id: 'someone', networkRole: network }, action, role, status)).toBe(
      expected(action, network, role, status),
    );
  });
});
