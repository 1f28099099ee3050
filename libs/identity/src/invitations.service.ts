import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, Repository } from 'typeorm';
import {
  type Actor,
  ConflictError,
  DomainError,
  ForbiddenError,
  ValidationFailedError,
} from '../../common/src/index.js';
import { CitiesService } from '../../cities/src/index.js';
import { AppConfig, APP_CONFIG } from '../../persistence/src/index.js';
import { Practitioner, PractitionersService } from '../../practitioners/src/index.js';
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
  ) {}

  async create(
    actor: Actor,
    input: CreateInvitationDto,
  ): Promise<{ invitation: Invitation; token: string }> {
    if (!canInvite(actor, input.networkRole)) {
      throw new ForbiddenError(`Your role may not invite someone as ${input.networkRole}.`);
    }
    const email = input.email.trim().toLowerCase();
    if (await this.practitioners.emailInUse(email)) {
      throw new ConflictError(`${email} already has an account.`);
    }
    if (input.cityId) await this.requireCity(input.cityId);
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Date.now() + this.config.INVITATION_TTL_DAYS * 86_400_000);
    const { identifiers } = await this.invitations.insert({
      tokenHash: hash,
      email,
      networkRole: input.networkRole,
      cityId: input.cityId ?? null,
      invitedById: actor.id,
      expiresAt,
    });
    const invitation = await this.invitations.findOneByOrFail({ id: identifiers[0].id as string });
    return { invitation, token };
  }

  /** Open invitations, newest first, for coordinators to follow up. */
  listOpen(): Promise<Invitation[]> {
    return this.invitations.find({
      where: { acceptedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
      take: 200,
    });
  }

  /** The latest open invitations and how many are open in all (the home page's section). */
  async latestOpen(limit: number): Promise<{ items: Invitation[]; total: number }> {
    const [items, total] = await this.invitations.findAndCount({
      where: { acceptedAt: IsNull(), expiresAt: MoreThan(new Date()) },
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
  async accept(input: AcceptInvitationDto): Promise<Practitioner> {
    const { token, password: _password, displayName, timeZone, ...profile } = input;
    const name = displayName.trim();
    if (!name) throw new ValidationFailedError('displayName: must not be blank');
    // The invitee may name another city than the invitation's, but only one of the network's.
    if (profile.cityId) await this.requireCity(profile.cityId);
    const passwordHash = await hashPassword(input.password);
    const accountId = await this.dataSource
      .transaction(async (manager) => {
        const invitation = await manager
          .getRepository(Invitation)
          .createQueryBuilder('i')
          .setLock('pessimistic_write')
          .where('i.token_hash = :hash', { hash: hashToken(token) })
          .getOne();
        if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() <= Date.now()) {
          throw new InvitationInvalidError();
        }
        if (await this.practitioners.emailInUse(invitation.email, manager)) {
          throw new ConflictError(`${invitation.email} already has an account.`);
        }
        const account = await this.practitioners.createAccount(
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
        return account.id;
      })
      .catch((error: unknown) => {
        // Two different invitations to one email, accepted at the same moment: the unique index
        // on the email lets one through; the other is the same conflict as the check above.
        if (isUniqueViolation(error)) throw new ConflictError('This email already has an account.');
        throw error;
      });
    return this.practitioners.getById(accountId);
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

  inviteUrl(token: string): string {
    const base = (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(
      /\/$/,
      '',
    );
    return `${base}/invite/${token}`;
  }

  private async requireCity(cityId: string): Promise<void> {
    const city = await this.cities.get(cityId).catch(() => null);
    if (!city || city.archivedAt)
      throw new ValidationFailedError('cityId: no such city in the network');
  }

  private async findUsable(token: string): Promise<Invitation> {
    const invitation = await this.invitations
      .createQueryBuilder('i')
      .leftJoinAndSelect('i.city', 'city')
      .where('i.token_hash = :hash', { hash: hashToken(token) })
      .getOne();
    if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() <= Date.now()) {
      throw new InvitationInvalidError();
    }
    return invitation;
  }
}
