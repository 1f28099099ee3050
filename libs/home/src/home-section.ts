// A home page section: one provider per section, listed in HOME_SECTIONS (home.module.ts). A new
// section is its shape in libs/contracts' HomeSections and one provider here.
import type { HomeSectionKind, HomeSections } from '#libs/contracts';
import type { Actor } from '#libs/common';
import type { Membership } from '#libs/exchanges';

/** Who the home page is for, looked up once and shared by every section. */
export interface HomeViewer {
  actor: Actor;
  /** Their profile's IANA time zone. */
  timeZone: string;
  /** The instant the page is made for: every section judges "upcoming" and "open" by it. */
  now: Date;
  /** Every exchange they belong to, with their role and last visit. */
  memberships: Membership[];
}

export interface HomeSectionProvider<K extends HomeSectionKind = HomeSectionKind> {
  readonly kind: K;
  /** The section for this viewer, or undefined when it does not concern them. */
  build(viewer: HomeViewer): Promise<HomeSections[K] | undefined>;
}

/** The injection token of the list of section providers, in the order they are built. */
export const HOME_SECTIONS = Symbol('HOME_SECTIONS');
