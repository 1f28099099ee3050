import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import type { NameWarning, NetworkRole, Page } from '#libs/contracts';
import {
  type Actor,
  canonicalLanguageTag,
  ForbiddenError,
  namesLookAlike,
  nameSkeletons,
  NotFoundError,
  ValidationFailedError,
  pageBy,
} from '#libs/common';
import { CitiesService, escapeLike } from '#libs/cities';
import { themeSqlNames, ThemesService } from '#libs/themes';
import type { ProfileDto } from './dto/profile.dto.js';
import type { ListPractitionersQuery } from './dto/list-practitioners.query.js';
import { Practitioner } from './entities/practitioner.entity.js';
import { canActOnPractitioner, canHoldPosition } from './practitioners.policy.js';

export interface NewPractitioner {
  email: string;
  passwordHash: string;
  networkRole: NetworkRole;
  displayName: string;
  timeZone: string;
}

/** A saved profile and what the person should know about their name. */
export interface ProfileSaved {
  practitioner: Practitioner;
  warnings: NameWarning[];
}

/** Skeletons of names already seen (names change rarely; the cache is dropped when full). */
const skeletons = new Map<string, [string, string]>();
function skeletonsOf(name: string): [string, string] {
  let found = skeletons.get(name);
  if (found === undefined) {
    if (skeletons.size >= 20_000) skeletons.clear();
    found = nameSkeletons(name);
    skeletons.set(name, found);
  }
  return found;
}

@Injectable()
export class PractitionersService {
  constructor(
    @InjectRepository(Practitioner) private readonly practitioners: Repository<Practitioner>,
    private readonly cities: CitiesService,
    private readonly themes: ThemesService,
  ) {}

  async list(query: ListPractitionersQuery, actor: Actor): Promise<Page<Practitioner>> {
    const status = query.status ?? 'active';
    if (status !== 'active' && !canActOnPractitioner(actor, 'view-suspended')) {
      throw new ForbiddenError('Only coordinators and admins see suspended accounts.');
    }
    const qb = this.practitioners
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.city', 'city')
      .where('p.status = :status', { status });
    if (query.region) qb.andWhere('city.region = :region', { region: query.region });
    if (query.cityId) qb.andWhere('p.city_id = :cityId', { cityId: query.cityId });
    if (query.position) qb.andWhere('p.position = :position', { position: query.position });
    if (query.q) qb.andWhere('p.display_name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    if (query.language) {
      const tag = canonicalLanguageTag(query.language).toLowerCase();
      qb.andWhere(
        new Brackets((w) =>
          w.where(
            'EXISTS (SELECT 1 FROM unnest(p.languages) l WHERE lower(l) = :tag OR lower(l) LIKE :tagPrefix)',
            {
              tag,
              tagPrefix: `${escapeLike(tag)}-%`,
            },
          ),
        ),
      );
    }
    if (query.theme) {
      const th = themeSqlNames(this.practitioners.manager.connection);
      qb.andWhere(
        `EXISTS (SELECT 1 FROM practitioner_themes pt JOIN ${th.table} t ON t.${th.id} = pt.theme_id
                  WHERE pt.practitioner_id = p.id AND t.${th.slug} = :theme)`,
        { theme: query.theme },
      );
    }
    const page = await pageBy(
      qb,
      {
        key: 'p.display_name',
        id: 'p.id',
        direction: 'ASC',
        positionOf: (p) => ({ key: p.displayName, id: p.id }),
      },
      query,
      25,
    );
    await this.loadThemes(page.items);
    return page;
  }

  /** Erasure: the person's expertise themes go with their profile. */
  async forgetThemes(practitionerId: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM practitioner_themes WHERE practitioner_id = $1', [
      practitionerId,
    ]);
  }

  /** A profile as `actor` may see it: suspended accounts only for coordinators, erased never. */
  async getVisible(id: string, actor: Actor): Promise<Practitioner> {
    const practitioner = await this.practitioners.findOneBy({ id });
    if (!practitioner || !canActOnPractitioner(actor, 'view', practitioner)) {
      throw new NotFoundError('Practitioner');
    }
    return practitioner;
  }

  async getById(id: string): Promise<Practitioner> {
    // One statement with the city and themes: findOneBy, given the eager themes, first asks for
    // the distinct id and then for the rows (two round trips on every GET /api/me).
    const practitioner = await this.practitioners
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.city', 'city')
      .leftJoinAndSelect('p.themes', 'themes')
      .where('p.id = :id', { id })
      .getOne();
    if (!practitioner) throw new NotFoundError('Practitioner');
    return practitioner;
  }

  async findByEmailWithPassword(email: string): Promise<Practitioner | null> {
    return this.practitioners
      .createQueryBuilder('p')
      .addSelect('p.passwordHash')
      .where('lower(p.email) = lower(:email)', { email })
      .getOne();
  }

  async getPasswordHash(id: string): Promise<string | null> {
    const row = await this.practitioners
      .createQueryBuilder('p')
      .select(['p.id', 'p.passwordHash'])
      .where('p.id = :id', { id })
      .getOne();
    return row?.passwordHash ?? null;
  }

  async emailInUse(email: string, manager?: EntityManager): Promise<boolean> {
    const repo = manager ? manager.getRepository(Practitioner) : this.practitioners;
    return repo
      .createQueryBuilder('p')
      .where('lower(p.email) = lower(:email)', { email })
      .getExists();
  }

  /** Creates the account of an accepted invitation, inside the caller's transaction. */
  async createAccount(
    manager: EntityManager,
    input: NewPractitioner,
    cityId: string | null,
    profile: ProfileDto,
  ): Promise<ProfileSaved> {
    const repo = manager.getRepository(Practitioner);
    const practitioner = repo.create({
      email: input.email.toLowerCase(),
      passwordHash: input.passwordHash,
      networkRole: input.networkRole,
      status: 'active',
      displayName: input.displayName,
      timeZone: input.timeZone,
      cityId,
      position: null,
      organisation: null,
      languages: [],
      workingHours: null,
      bio: '',
      themes: [],
    });
    const warnings = await this.checkName(input.displayName, null, manager);
    await this.applyProfile(practitioner, profile);
    const saved = await repo.save(practitioner);
    return { practitioner: await repo.findOneByOrFail({ id: saved.id }), warnings };
  }

  async updateProfile(id: string, profile: ProfileDto): Promise<ProfileSaved> {
    const practitioner = await this.getById(id);
    const name = profile.displayName?.trim();
    const warnings =
      name && name !== practitioner.displayName ? await this.checkName(name, id) : [];
    await this.applyProfile(practitioner, profile);
    await this.practitioners.save(practitioner);
    return { practitioner: await this.getById(id), warnings };
  }

  /**
   * Names that look alike (same confusable skeleton) let one person pass for another. A name
   * that looks like a coordinator's or admin's is refused (no one may pose as the people who
   * run the network); one that looks like another member's is accepted with a warning (people
   * do share names), naming who it resembles.
   */
  private async checkName(
    name: string,
    selfId: string | null,
    manager?: EntityManager,
  ): Promise<NameWarning[]> {
    const mine = skeletonsOf(name.trim());
    const qb = (manager ? manager.getRepository(Practitioner) : this.practitioners)
      .createQueryBuilder('p')
      .select(['p.id', 'p.displayName', 'p.networkRole', 'p.status'])
      .where("p.status IN ('active', 'suspended')");
    if (selfId) qb.andWhere('p.id <> :selfId', { selfId });
    const lookalikes = (await qb.getMany()).filter((p) =>
      namesLookAlike(mine, skeletonsOf(p.displayName)),
    );
    if (lookalikes.some((p) => p.networkRole !== 'member')) {
      const problem =
        'looks the same as the name of a coordinator or admin of the network; add what tells you apart, such as a middle name, an initial or your city';
      throw new ValidationFailedError(`displayName: ${problem}`, [
        { field: 'displayName', problems: [problem] },
      ]);
    }
    return lookalikes
      .filter((p) => p.status === 'active')
      .map((p) => ({
        code: 'NAME_LOOKS_LIKE_ANOTHER' as const,
        message: `Your name looks like that of ${p.displayName}, who is also in the network. Others may mix you up: consider adding a middle name, an initial or your city.`,
        similarTo: { id: p.id, displayName: p.displayName },
      }));
  }

  async setStatus(
    actor: Actor,
    id: string,
    action: 'suspend' | 'reinstate',
    manager: EntityManager,
  ): Promise<Practitioner> {
    const repo = manager.getRepository(Practitioner);
    const practitioner = await repo.findOne({
      where: { id },
      lock: { mode: 'pessimistic_write', tables: ['practitioners'] },
    });
    if (!practitioner || practitioner.status === 'erased') throw new NotFoundError('Practitioner');
    if (!canActOnPractitioner(actor, action, practitioner)) {
      throw new ForbiddenError(
        practitioner.id === actor.id
          ? 'You cannot suspend or reinstate yourself.'
          : `Your role may not ${action} this account.`,
      );
    }
    practitioner.status = action === 'suspend' ? 'suspended' : 'active';
    // suspendedAt is when the account was last suspended, and stays after reinstatement: access
    // tokens issued before it remain refused (ActorResolver), so a suspension ends them for good.
    if (action === 'suspend') practitioner.suspendedAt = new Date();
    await repo.update(id, { status: practitioner.status, suspendedAt: practitioner.suspendedAt });
    return repo.findOneByOrFail({ id });
  }

  private async applyProfile(practitioner: Practitioner, profile: ProfileDto): Promise<void> {
    if (profile.displayName !== undefined) {
      const name = profile.displayName.trim();
      if (!name) throw new ValidationFailedError('displayName: must not be blank');
      practitioner.displayName = name;
    }
    if (profile.position !== undefined) {
      if (!canHoldPosition(practitioner.networkRole, profile.position)) {
        throw new ForbiddenError(
          `position: ${profile.position} is reserved for people with that network role.`,
        );
      }
      practitioner.position = profile.position;
    }
    if (profile.cityId !== undefined) {
      if (profile.cityId !== null) {
        const city = await this.cities.get(profile.cityId).catch(() => {
          throw new ValidationFailedError('cityId: no such city in the network');
        });
        practitioner.city = city;
      } else {
        practitioner.city = null;
      }
      practitioner.cityId = profile.cityId;
    }
    if (profile.organisation !== undefined)
      practitioner.organisation = profile.organisation?.trim() || null;
    if (profile.languages !== undefined) {
      practitioner.languages = [...new Set(profile.languages.map(canonicalLanguageTag))];
    }
    if (profile.timeZone !== undefined) practitioner.timeZone = profile.timeZone;
    if (profile.workingHours !== undefined) {
      const hours = profile.workingHours;
      if (hours && hours.start >= hours.end) {
        throw new ValidationFailedError('workingHours: end must be after start');
      }
      practitioner.workingHours = hours
        ? { days: [...hours.days].sort((a, b) => a - b), start: hours.start, end: hours.end }
        : null;
    }
    if (profile.themes !== undefined)
      practitioner.themes = await this.themes.resolveSlugs(profile.themes);
    if (profile.bio !== undefined) practitioner.bio = profile.bio;
  }

  /** Themes of a page of practitioners, in one query (the directory joins cities only). */
  private async loadThemes(items: Practitioner[]): Promise<void> {
    if (items.length === 0) return;
    const withThemes = await this.practitioners.find({
      where: items.map((p) => ({ id: p.id })),
      relations: { themes: true },
      select: { id: true, themes: true },
    });
    const byId = new Map(withThemes.map((p) => [p.id, p.themes]));
    for (const item of items) item.themes = byId.get(item.id) ?? [];
  }
}
