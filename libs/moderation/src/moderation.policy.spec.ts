import type { ExchangeRole, NetworkRole } from '#libs/contracts';
import type { Actor } from '#libs/common';
import { canModerate, canModerateMember } from './moderation.policy.js';

const NETWORK: NetworkRole[] = ['member', 'coordinator', 'admin'];
const EXCHANGE: Array<ExchangeRole | null> = [null, 'observer', 'participant', 'host'];
const actor = (networkRole: NetworkRole): Actor => ({ id: 'actor', networkRole });

describe('moderation policy', () => {
  it.each(NETWORK.flatMap((n) => EXCHANGE.map((e) => [n, e] as const)))(
    'a %s with exchange role %s moderates only as a host or a coordinator',
    (networkRole, exchangeRole) => {
      expect(canModerate(actor(networkRole), exchangeRole)).toBe(
        networkRole !== 'member' || exchangeRole === 'host',
      );
    },
  );

  describe('acting on a member', () => {
    const cases = NETWORK.flatMap((actorNetwork) =>
      EXCHANGE.flatMap((actorRole) =>
        NETWORK.flatMap((targetNetwork) =>
          EXCHANGE.map(
            (targetRole) => [actorNetwork, actorRole, targetNetwork, targetRole] as const,
          ),
        ),
      ),
    );
    it.each(cases)(
      'actor %s/%s on target %s/%s',
      (actorNetwork, actorRole, targetNetwork, targetRole) => {
        const allowed = canModerateMember(actor(actorNetwork), actorRole, {
          id: 'target',
          exchangeRole: targetRole,
          networkRole: targetNetwork,
        });
        const coordinator = actorNetwork !== 'member';
        const host = actorRole === 'host';
        const targetOutranksHosts = targetRole === 'host' || targetNetwork !== 'member';
        expect(allowed).toBe(coordinator || (host && !targetOutranksHosts));
      },
    );

    it('never on oneself, whatever the role', () => {
      for (const networkRole of NETWORK)
        expect(
          canModerateMember(actor(networkRole), 'host', {
            id: 'actor',
            exchangeRole: 'participant',
            networkRole: 'member',
          }),
        ).toBe(false);
    });
  });
});
