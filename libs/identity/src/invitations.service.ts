import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import {
  type Actor,
  ConflictError,
  DomainError,
  ForbiddenError,
  ValidationFailedError,
} from '#libs/common';
import { CitiesService, type City } from '#libs/cities';
import { MailService } from '#libs/mail';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { PractitionersService, type ProfileSaved } from '#libs/practitioners';
import { invitationMail, mailLanguage } from './account-mail.js';
import type { AcceptInvitationDto, CreateInvitationDto } from './dto/invitation.dto.js';
import { Invitation } from './entities/invitation.entity.js';
import { canInvite } from './invitations.policy.js';
import { hashPassword } from './passwords.js';
import { hashToken, newSecretToken } from './secrets.js';

export class InvitationInvalidError extends DomainError {
  constructor() {
    super(
      'INVITATION_INVALID',
      410,
      'This invitation link is not valid: it was used, has expired, or never existed.',
    );
  }
}

function isUsable(invitation: Invitation | null): invitation is Invitation {
  return (
    !!invitation &&
    !invitation.acceptedAt &&
    !invitation.revokedAt &&
    invitation.expiresAt.getTime() > Date.now()
  );
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e?.driverError?.code ?? e?.code) === '23505';
}

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly practitioners: PractitionersService,
    private readonly cities: CitiesService,
    private readonly mail: MailService,
  ) {}

  /**
   * Invites someone and mails them the link (which is also returned, to copy). A newer
   * invitation to the same email replaces any open one, whatever its role: only one link per
   * person works at a time.
   */
  async create(
    actor: Actor,
    input: CreateInvitationDto,
    baseUrl: string,
  ): Promise<{ invitation: Invitation; token: string }> {
    if (!canInvite(actor, input.networkRole)) {
      throw new ForbiddenError(`Your role may not invite someone as ${input.networkRole}.`);
    }
    const email = input.email.trim().toLowerCase();
    if (await this.practitioners.emailInUse(email)) {
      throw new ConflictError(`${email} already has an account.`);
    }
    const city = input.cityId ? await this.requireCity(input.cityId) : null;
    const inviter = await this.practitioners.getById(actor.id);
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Date.now() + this.config.INVITATION_TTL_DAYS * 86_400_000);
    const id = await this.dataSource.transaction(async (manager) => {
      // Invitations to one email are made one at a time (the unique index is the last guard).
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`invitation:${email}`]);
      await this.revokeOpen(manager, email);
      const { identifiers } = await manager.insert(Invitation, {
        tokenHash: hash,
        email,
        networkRole: input.networkRole,
        cityId: input.cityId ?? null,
        invitedById: actor.id,
        expiresAt,
      });
      await this.mail.send(
        invitationMail(mailLanguage(input.language, ...(city?.languages ?? [])), {
          to: email,
          inviter: inviter.displayName,
          role: input.networkRole,
          city: city?.name ?? null,
          link: this.inviteUrl(token, baseUrl),
          expiresAt,
        }),
        manager,
      );
      return identifiers[0]!.id as string;
    });
    const invitation = await this.invitations.findOneByOrFail({ id });
    return { invitation, token };
  }

  /** Open invitations, newest first, for coordinators to follow up. */
  listOpen(): Promise<Invitation[]> {
    return this.invitations.find({
      where: { acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
      take: 200,
    });
  }

  /** The latest open invitations and how many are open in all (the home page's section). */
  async latestOpen(limit: number): Promise<{ items: Invitation[]; total: number }> {
    const [items, total] = await this.invitations.findAndCount({
      where: { acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return { items, total };
  }

  async preview(token: string): Promise<{ invitation: Invitation; invitedBy: string }> {
    const invitation = await this.findUsable(token);
    const inviter = invitation.invitedById
      ? await this.practitioners.getById(invitation.invitedById).catch(() => null)
      : null;
    return { invitation, invitedBy: inviter?.displayName ?? 'Crossings' };
  }

  /** Accepts an invitation exactly once: the account is created in the same transaction. */
  async accept(input: AcceptInvitationDto): Promise<ProfileSaved> {
    const { token, password: _password, displayName, timeZone, ...profile } = input;
    const name = displayName.trim();
    if (!name) throw new ValidationFailedError('displayName: must not be blank');
    // The invitee may name another city than the invitation's, but only one of the network's.
    if (profile.cityId) await this.requireCity(profile.cityId);
    const passwordHash = await hashPassword(input.password);
    const { accountId, warnings } = await this.dataSource
      .transaction(async (manager) => {
        const invitation = await manager
          .getRepository(Invitation)
          .createQueryBuilder('i')
          .setLock('pessimistic_write')
          .where('i.token_hash = :hash', { hash: hashToken(token) })
          .getOne();
        if (!isUsable(invitation)) throw new InvitationInvalidError();
        if (await this.practitioners.emailInUse(invitation.email, manager)) {
          throw new ConflictError(`${invitation.email} already has an account.`);
        }
        const { practitioner: account, warnings } = await this.practitioners.createAccount(
          manager,
          {
            email: invitation.email,
            passwordHash,
            networkRole: invitation.networkRole,
            displayName: name,
            timeZone,
          },
          profile.cityId === undefined ? invitation.cityId : profile.cityId,
          { ...profile, cityId: undefined },
        );
        await manager.update(Invitation, invitation.id, {
          acceptedAt: new Date(),
          acceptedById: account.id,
        });
        // Any other link to this email is spent too: the person has their account.
        await this.revokeOpen(manager, invitation.email);
        return { accountId: account.id, warnings };
      })
      .catch((error: unknown) => {
        // Two different invitations to one email, accepted at the same moment: the unique index
        // on the email lets one through; the other is the same conflict as the check above.
        if (isUniqueViolation(error)) throw new ConflictError('This email already has an account.');
        throw error;
      });
    return { practitioner: await this.practitioners.getById(accountId), warnings };
  }

  /** Invitations that concern a person: the one they accepted and those they sent. */
  async concerning(
    practitionerId: string,
  ): Promise<{ accepted: Invitation[]; sent: Invitation[] }> {
    const [accepted, sent] = await Promise.all([
      this.invitations.find({ where: { acceptedById: practitionerId } }),
      this.invitations.find({
        where: { invitedById: practitionerId },
        order: { createdAt: 'ASC' },
      }),
    ]);
    return { accepted, sent };
  }

  /** `baseUrl`: where the inviting coordinator reached the app (see publicBaseUrl). */
  inviteUrl(token: string, baseUrl: string): string {
    return `${baseUrl}/invite/${token}`;
  }

  private async requireCity(cityId: string): Promise<City> {
    const city = await this.cities.get(cityId).catch(() => null);
    if (!city || city.archivedAt)
      throw new ValidationFailedError('cityId: no such city in the network');
    return city;
  }

  /** Ends every open invitation to an email (case-insensitively), inside `manager`'s transaction. */
  private async revokeOpen(manager: EntityManager, email: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Invitation)
      .set({ revokedAt: () => 'now()' })
      .where('lower(email) = lower(:email)', { email })
      .andWhere('accepted_at IS NULL AND revoked_at IS NULL')
      .execute();
  }

  private async findUsable(token: string): Promise<Invitation> {
    const invitation = await this.invitations
      .createQueryBuilder('i')
      .leftJoinAndSelect('i.city', 'city')
      .where('i.token_hash = :hash', { hash: hashToken(token) })
      .getOne();
    if (!isUsable(invitation)) throw new InvitationInvalidError();
    return invitation;
  }
}
