// A person's rights over their account (export, erase) and coordinators' suspensions.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainEvents, PersonalData } from '#libs/common';
import { MemberSanctions, ModerationService } from '#libs/moderation';
import { MailService } from '#libs/mail';
import { Practitioner, PractitionersService, presentMe } from '#libs/practitioners';
import { Invitation } from './entities/invitation.entity.js';
import { PasswordReset } from './entities/password-reset.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { InvitationsService } from './invitations.service.js';
import { SignInSessions } from './sign-in-sessions.service.js';
import { SignInThrottle } from './sign-in-throttle.service.js';

/** The neutral name an erased account's remaining traces carry. */
export const ERASED_DISPLAY_NAME = 'Former member';

@Injectable()
export class AccountsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly practitioners: PractitionersService,
    private readonly sessions: SignInSessions,
    private readonly invitations: InvitationsService,
    private readonly throttle: SignInThrottle,
    private readonly events: DomainEvents,
    private readonly personalData: PersonalData,
    private readonly moderation: ModerationService,
    private readonly mail: MailService,
    private readonly sanctions: MemberSanctions,
  ) {}

  onModuleInit(): void {
    // The review queue suspends an author through the same path, in its decision's transaction.
    this.sanctions.useSuspension((actor, id, reason, manager) =>
      this.setStatusIn(manager, actor, id, 'suspend', reason),
    );
    // The parts identity exports (profile, invitations, sessions) and erases itself, below.
    this.personalData.declareCovered([
      'refresh_tokens.practitioner_id',
      'invitations.invited_by_id',
      'invitations.accepted_by_id',
      'practitioner_themes.practitioner_id',
      'password_resets.practitioner_id',
    ]);
  }

  /** Everything the platform holds about a person, as JSON (the right of access). */
  async export(actor: Actor): Promise<Record<string, unknown>> {
    const me = await this.practitioners.getById(actor.id);
    const [{ accepted, sent }, sessions] = await Promise.all([
      this.invitations.concerning(actor.id),
      this.sessions.listFor(actor.id),
    ]);
    const invitation = (i: Invitation) => ({
      email: i.email,
      networkRole: i.networkRole,
      cityId: i.cityId,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      acceptedAt: i.acceptedAt?.toISOString() ?? null,
    });
    return {
      exportedAt: new Date().toISOString(),
      profile: {
        ...presentMe(me),
        passwordChangedAt: me.passwordChangedAt?.toISOString() ?? null,
        updatedAt: me.updatedAt.toISOString(),
      },
      invitationAccepted: accepted.map(invitation),
      invitationsSent: sent.map(invitation),
      sessions: sessions.map((s) => ({
        startedAt: s.createdAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        endedAt: (s.revokedAt ?? s.usedAt)?.toISOString() ?? null,
      })),
      // Every other library's part (memberships, messages, notifications…).
      ...(await this.dataSource.transaction('REPEATABLE READ', (manager) =>
        this.personalData.exportAll(actor.id, manager),
      )),
    };
  }

  /**
   * Erases the account: personal data is removed in place, leaving a tombstone row (id, role,
   * status "erased", neutral name) so content that must stay readable keeps a neutral author.
   */
  async erase(actor: Actor): Promise<void> {
    const me = await this.practitioners.getById(actor.id);
    const email = me.email;
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(RefreshToken, { practitionerId: actor.id });
      await manager.delete(PasswordReset, { practitionerId: actor.id });
      if (email) {
        await manager
          .createQueryBuilder()
          .delete()
          .from(Invitation)
          .where('lower(email) = lower(:email)', { email })
          .execute();
      }
      await this.practitioners.forgetThemes(actor.id, manager);
      await this.personalData.eraseAll(actor.id, manager);
      await manager.update(Practitioner, actor.id, {
        email: null,
        displayName: ERASED_DISPLAY_NAME,
        passwordHash: null,
        status: 'erased',
        position: null,
        cityId: null,
        organisation: null,
        languages: [],
        workingHours: null,
        bio: '',
        timeZone: 'UTC',
        erasedAt: new Date(),
      });
    });
    if (email) await this.throttle.forget(email);
    await this.mail.forget(email, me.displayName, ERASED_DISPLAY_NAME);
    await this.events.emit('account.erased', { practitionerId: actor.id });
  }

  /**
   * Active accounts that never signed in (no refresh token was ever issued to them), newest
   * first. Accepting an invitation in the web client signs in, so these are mostly accounts
   * made for someone, or invitations accepted and never followed by a sign-in.
   */
  async neverSignedIn(limit: number): Promise<{ items: Practitioner[]; total: number }> {
    const [items, total] = await this.dataSource
      .getRepository(Practitioner)
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.city', 'city')
      .where('p.status = :active', { active: 'active' })
      .andWhere((qb) => {
        const signedIn = qb
          .subQuery()
          .select('1')
          .from(RefreshToken, 't')
          .where('t.practitionerId = p.id')
          .getQuery();
        return `NOT EXISTS ${signedIn}`;
      })
      .orderBy('p.createdAt', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(limit)
      .getManyAndCount();
    return { items, total };
  }

  async setStatus(
    actor: Actor,
    id: string,
    action: 'suspend' | 'reinstate',
    reason: string,
  ): Promise<Practitioner> {
    const afterCommit = await this.dataSource.transaction((manager) =>
      this.setStatusIn(manager, actor, id, action, reason),
    );
    await afterCommit();
    return this.practitioners.getById(id);
  }

  /**
   * Suspends or reinstates in the caller's transaction, with its audit line; returns what to do
   * once it committed (a suspended account's open live connections are closed at once).
   */
  async setStatusIn(
    manager: EntityManager,
    actor: Actor,
    id: string,
    action: 'suspend' | 'reinstate',
    reason: string,
  ): Promise<() => Promise<void>> {
    await this.practitioners.setStatus(actor, id, action, manager);
    if (action === 'suspend') await this.sessions.endAllExcept(id, null, manager);
    // A network-wide action: in the audit log with no exchange. A reinstated person is told.
    await this.moderation.record(manager, {
      actor,
      exchangeId: null,
      subject: { type: 'account', id },
      targetId: id,
      action,
      reason,
      notify: action === 'reinstate' ? { where: 'the network', context: {} } : false,
    });
    return async () => {
      if (action === 'suspend') await this.events.emit('account.suspended', { practitionerId: id });
    };
  }
}
