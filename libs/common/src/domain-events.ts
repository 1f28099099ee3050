// In-process domain events between modules that must not import each other (e.g. identity
// tells live rooms that an account was suspended). Listeners run after the change committed.
import { Global, Injectable, Logger, Module } from '@nestjs/common';

export interface DomainEventMap {
  'account.suspended': { practitionerId: string };
  'account.erased': { practitionerId: string };
  /** Every access token issued before now stopped working (password changed or reset). */
  'account.password-changed': { practitionerId: string };
  /** One signed-in session (a refresh-token family) ended: sign-out, or a replayed token. */
  'account.session-ended': { practitionerId: string; sessionId: string };
  /** Someone was added to an exchange, changed role in it, or left or was removed from it. */
  'exchange.membership-changed': {
    exchangeId: string;
    practitionerId: string;
    change: 'added' | 'role-changed' | 'removed';
  };
  /** A flag was raised or decided: the queue's moderators hear how many items wait. */
  'moderation.queue-changed': {
    exchangeId: string | null;
    openItems: number;
    /** The moderators of that exchange: its hosts, every coordinator and admin. */
    moderatorIds: string[];
  };
}

type Listener<K extends keyof DomainEventMap> = (event: DomainEventMap[K]) => void | Promise<void>;

@Injectable()
export class DomainEvents {
  private readonly logger = new Logger('DomainEvents');
  private readonly listeners = new Map<keyof DomainEventMap, Set<Listener<never>>>();

  on<K extends keyof DomainEventMap>(name: K, listener: Listener<K>): void {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(listener as Listener<never>);
  }

  async emit<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K]): Promise<void> {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        await (listener as Listener<K>)(event);
      } catch (error) {
        this.logger.error(`${name} listener failed: ${(error as Error).message}`);
      }
    }
  }
}

@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
