// The review queue's decisions on a person (removal from an exchange, suspension of an account)
// belong to the exchanges and identity libraries, which moderation does not import: they register
// them here. Each runs in the caller's transaction (its audit line included) and returns what to
// do once that transaction committed (drop the person's open connections).
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '#libs/common';

export type AfterCommitTask = () => Promise<void>;

export interface ExchangeRemoval {
  (
    actor: Actor,
    exchangeId: string,
    practitionerId: string,
    reason: string,
    manager: EntityManager,
  ): Promise<AfterCommitTask>;
}

export interface AccountSuspension {
  (
    actor: Actor,
    practitionerId: string,
    reason: string,
    manager: EntityManager,
  ): Promise<AfterCommitTask>;
}

@Injectable()
export class MemberSanctions {
  private removal: ExchangeRemoval | null = null;
  private suspension: AccountSuspension | null = null;

  useRemoval(removal: ExchangeRemoval): void {
    this.removal = removal;
  }

  useSuspension(suspension: AccountSuspension): void {
    this.suspension = suspension;
  }

  removeFromExchange(...args: Parameters<ExchangeRemoval>): Promise<AfterCommitTask> {
    if (!this.removal) throw new Error('No exchange removal registered with moderation');
    return this.removal(...args);
  }

  suspend(...args: Parameters<AccountSuspension>): Promise<AfterCommitTask> {
    if (!this.suspension) throw new Error('No account suspension registered with moderation');
    return this.suspension(...args);
  }
}
