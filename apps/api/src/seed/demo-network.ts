// The demo network a newcomer sees on first start: cities on both sides of the Atlantic,
// practitioners across positions, one coordinator and one admin. Accounts are in the README.
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type {
  AttributionRule,
  ExchangeRole,
  ExchangeStatus,
  NetworkRole,
  Position,
  SessionKind,
  WorkingHours,
} from '../../../../libs/contracts/src/index.js';
import { regionOf } from '../../../../libs/cities/src/index.js';
import { hashPassword } from '../../../../libs/identity/src/index.js';

export const DEMO_PASSWORDS: Record<NetworkRole, string> = {
  member: 'member-demo-2026',
  coordinator: 'coordinator-demo-2026',
  admin: 'admin-demo-2026',
};

interface DemoCity {
  name: string;
  countryCode: string;
  subdivision: string | null;
  timeZone: string;
  population: number;
  languages: string[];
}

export const DEMO_CITIES: DemoCity[] = [
  {
    name: 'Rotterdam',
    countryCode: 'NL',
    subdivision: 'NL-ZH',
    timeZone: 'Europe/Amsterdam',
    population: 655_000,
    languages: ['nl', 'en'],
  },
  {
    name: 'Antwerp',
    countryCode: 'BE',
    subdivision: 'BE-VAN',
    timeZone: 'Europe/Brussels',
    population: 530_000,
    languages: ['nl', 'fr', 'en'],
  },
  {
    name: 'Lyon',
    countryCode: 'FR',
    subdivision: 'FR-ARA',
    timeZone: 'Europe/Paris',
    population: 522_000,
    languages: ['fr'],
  },
  {
    name: 'Strasbourg',
    countryCode: 'FR',
    subdivision: 'FR-GES',
    timeZone: 'Europe/Paris',
    population: 291_000,
    languages: ['fr', 'de'],
  },
  {
    name: 'Munich',
    countryCode: 'DE',
    subdivision: 'DE-BY',
    timeZone: 'Europe/Berlin',
    population: 1_510_000,
    languages: ['de', 'en'],
  },
  {
    name: 'Aarhus',
    countryCode: 'DK',
    subdivision: 'DK-82',
    timeZone: 'Europe/Copenhagen',
    population: 290_000,
    languages: ['da', 'en'],
  },
  {
    name: 'Manchester',
    countryCode: 'GB',
    subdivision: 'GB-MAN',
    timeZone: 'Europe/London',
    population: 568_000,
    languages: ['en'],
  },
  {
    name: 'Denver',
    countryCode: 'US',
    subdivision: 'US-CO',
    timeZone: 'America/Denver',
    population: 716_000,
    languages: ['en', 'es'],
  },
  {
    name: 'Minneapolis',
    countryCode: 'US',
    subdivision: 'US-MN',
    timeZone: 'America/Chicago',
    population: 425_000,
    languages: ['en', 'so', 'es'],
  },
  {
    name: 'Boston',
    countryCode: 'US',
    subdivision: 'US-MA',
    timeZone: 'America/New_York',
    population: 650_000,
    languages: ['en', 'es'],
  },
  {
    name: 'Atlanta',
    countryCode: 'US',
    subdivision: 'US-GA',
    timeZone: 'America/New_York',
    population: 510_000,
    languages: ['en'],
  },
  {
    name: 'Los Angeles',
    countryCode: 'US',
    subdivision: 'US-CA',
    timeZone: 'America/Los_Angeles',
    population: 3_820_000,
    languages: ['en', 'es'],
  },
];

interface DemoPerson {
  email: string;
  displayName: string;
  role: NetworkRole;
  position: Position;
  city: string | null;
  organisation?: string;
  languages: string[];
  themes: string[];
  bio: string;
}

const OFFICE: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    email: 'admin@crossings.example',
    displayName: 'Alex Admin',
    role: 'admin',
    position: 'coordinator',
    city: null,
    organisation: 'Crossings',
    languages: ['en'],
    themes: [],
    bio: 'Runs this Crossings instance.',
  },
  {
    email: 'coordinator@crossings.example',
    displayName: 'Claire Dubois',
    role: 'coordinator',
    position: 'coordinator',
    city: 'Lyon',
    organisation: 'Crossings network office',
    languages: ['fr', 'en', 'de'],
    themes: ['polarization', 'national-local-coordination'],
    bio: 'Coordinates the transatlantic exchanges and moderates the network.',
  },
  {
    email: 'mayor.rotterdam@crossings.example',
    displayName: 'Pieter van Dijk',
    role: 'member',
    position: 'mayor',
    city: 'Rotterdam',
    languages: ['nl', 'en'],
    themes: ['polarization', 'community-resilience'],
    bio: 'Mayor of Rotterdam.',
  },
  {
    email: 'youth.rotterdam@crossings.example',
    displayName: 'Samira El Amrani',
    role: 'member',
    position: 'practitioner',
    city: 'Rotterdam',
    languages: ['nl', 'ar', 'en'],
    themes: ['youth-engagement', 'online-hate'],
    bio: 'Youth worker in Rotterdam-Zuid.',
  },
  {
    email: 'official.antwerp@crossings.example',
    displayName: 'Joris Peeters',
    role: 'member',
    position: 'official',
    city: 'Antwerp',
    languages: ['nl', 'fr', 'en'],
    themes: ['returning-foreign-fighters', 'national-local-coordination'],
    bio: 'Radicalisation prevention officer, City of Antwerp.',
  },
  {
    email: 'mayor.lyon@crossings.example',
    displayName: 'Hélène Martin',
    role: 'member',
    position: 'mayor',
    city: 'Lyon',
    languages: ['fr', 'en'],
    themes: ['community-resilience'],
    bio: 'Deputy mayor for security and prevention.',
  },
  {
    email: 'social.lyon@crossings.example',
    displayName: 'Karim Benali',
    role: 'member',
    position: 'practitioner',
    city: 'Lyon',
    languages: ['fr', 'ar'],
    themes: ['returning-foreign-fighters', 'mental-health'],
    bio: 'Social worker supporting returnee families.',
  },
  {
    email: 'official.strasbourg@crossings.example',
    displayName: 'Anne Keller',
    role: 'member',
    position: 'official',
    city: 'Strasbourg',
    languages: ['fr', 'de', 'en'],
    themes: ['far-right-violent-extremism'],
    bio: 'Works on cross-border cooperation against right-wing extremism.',
  },
  {
    email: 'police.munich@crossings.example',
    displayName: 'Markus Huber',
    role: 'member',
    position: 'practitioner',
    city: 'Munich',
    languages: ['de', 'en'],
    themes: ['far-right-violent-extremism', 'national-local-coordination'],
    bio: 'Police liaison for community relations.',
  },
  {
    email: 'research.munich@crossings.example',
    displayName: 'Dr. Lena Vogel',
    role: 'member',
    position: 'researcher',
    city: 'Munich',
    organisation: 'Ludwig Maximilian University',
    languages: ['de', 'en'],
    themes: ['online-hate', 'polarization'],
    bio: 'Researches online radicalisation pathways.',
  },
  {
    email: 'official.aarhus@crossings.example',
    displayName: 'Mette Jensen',
    role: 'member',
    position: 'official',
    city: 'Aarhus',
    languages: ['da', 'en'],
    themes: ['returning-foreign-fighters', 'mental-health'],
    bio: 'Aarhus model: exit and mentoring programmes.',
  },
  {
    email: 'teacher.manchester@crossings.example',
    displayName: 'Owen Clarke',
    role: 'member',
    position: 'practitioner',
    city: 'Manchester',
    languages: ['en'],
    themes: ['youth-engagement', 'community-resilience'],
    bio: 'Teacher and Prevent lead in a secondary school.',
  },
  {
    email: 'ngo.manchester@crossings.example',
    displayName: 'Priya Shah',
    role: 'member',
    position: 'civil-society',
    city: 'Manchester',
    organisation: 'Greater Manchester Community Trust',
    languages: ['en', 'gu'],
    themes: ['community-resilience', 'online-hate'],
    bio: 'Runs community dialogue programmes after the 2017 arena attack.',
  },
  {
    email: 'mayor.denver@crossings.example',
    displayName: 'Maria Lopez',
    role: 'member',
    position: 'mayor',
    city: 'Denver',
    languages: ['en', 'es'],
    themes: ['polarization'],
    bio: 'Deputy mayor, Denver.',
  },
  {
    email: 'practitioner.denver@crossings.example',
    displayName: 'Jamal Carter',
    role: 'member',
    position: 'practitioner',
    city: 'Denver',
    languages: ['en'],
    themes: ['youth-engagement', 'mental-health'],
    bio: 'Violence interrupter and youth mentor.',
  },
  {
    email: 'official.minneapolis@crossings.example',
    displayName: 'Hodan Ali',
    role: 'member',
    position: 'official',
    city: 'Minneapolis',
    languages: ['en', 'so'],
    themes: ['community-resilience', 'national-local-coordination'],
    bio: 'Community safety office, City of Minneapolis.',
  },
  {
    email: 'research.minneapolis@crossings.example',
    displayName: 'Dr. Erik Lindqvist',
    role: 'member',
    position: 'researcher',
    city: 'Minneapolis',
    organisation: 'University of Minnesota',
    languages: ['en', 'sv'],
    themes: ['far-right-violent-extremism'],
    bio: 'Studies militia movements in the Upper Midwest.',
  },
  {
    email: 'mayor.boston@crossings.example',
    displayName: 'Daniel Sullivan',
    role: 'member',
    position: 'mayor',
    city: 'Boston',
    languages: ['en'],
    themes: ['community-resilience'],
    bio: 'Chief of staff to the mayor of Boston.',
  },
  {
    email: 'social.boston@crossings.example',
    displayName: 'Rosa Alvarez',
    role: 'member',
    position: 'practitioner',
    city: 'Boston',
    languages: ['en', 'es'],
    themes: ['mental-health', 'youth-engagement'],
    bio: 'Clinical social worker in a school-based programme.',
  },
  {
    email: 'official.atlanta@crossings.example',
    displayName: 'Keisha Washington',
    role: 'member',
    position: 'official',
    city: 'Atlanta',
    languages: ['en'],
    themes: ['polarization', 'online-hate'],
    bio: 'Office of One Atlanta: community relations.',
  },
  {
    email: 'ngo.atlanta@crossings.example',
    displayName: 'Rev. Thomas Greene',
    role: 'member',
    position: 'civil-society',
    city: 'Atlanta',
    organisation: 'Interfaith Coalition of Atlanta',
    languages: ['en'],
    themes: ['community-resilience'],
    bio: 'Builds interfaith networks against hate.',
  },
  {
    email: 'official.la@crossings.example',
    displayName: 'Daniel Kim',
    role: 'member',
    position: 'official',
    city: 'Los Angeles',
    languages: ['en', 'ko'],
    themes: ['online-hate', 'national-local-coordination'],
    bio: 'Human Relations Commission, Los Angeles.',
  },
  {
    email: 'research.la@crossings.example',
    displayName: 'Dr. Sofia Reyes',
    role: 'member',
    position: 'researcher',
    city: 'Los Angeles',
    organisation: 'UCLA',
    languages: ['en', 'es'],
    themes: ['polarization', 'online-hate'],
    bio: 'Measures polarization in local media ecosystems.',
  },
  {
    email: 'ngo.aarhus@crossings.example',
    displayName: 'Lars Nielsen',
    role: 'member',
    position: 'civil-society',
    city: 'Aarhus',
    organisation: 'Exit Aarhus',
    languages: ['da', 'en', 'de'],
    themes: ['far-right-violent-extremism', 'returning-foreign-fighters'],
    bio: 'Mentor in an exit programme.',
  },
];

/** Seeds the demo network unless the database already has accounts. Returns true if it seeded. */
export async function seedDemoNetworkIfEmpty(app: INestApplication): Promise<boolean> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const hashes = {
    member: await hashPassword(DEMO_PASSWORDS.member),
    coordinator: await hashPassword(DEMO_PASSWORDS.coordinator),
    admin: await hashPassword(DEMO_PASSWORDS.admin),
  };
  return dataSource.transaction(async (manager) => {
    // One seeder at a time, even when two nodes start together.
    await manager.query('SELECT pg_advisory_xact_lock(727001)');
    const [{ count }] = (await manager.query(
      'SELECT count(*)::int AS count FROM practitioners',
    )) as Array<{ count: number }>;
    if (count > 0) return false;
    const cityIds = new Map<string, string>();
    for (const city of DEMO_CITIES) {
      const [row] = (await manager.query(
        `INSERT INTO cities (name, country_code, subdivision, region, time_zone, population, languages)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          city.name,
          city.countryCode,
          city.subdivision,
          regionOf(city.countryCode),
          city.timeZone,
          city.population,
          city.languages,
        ],
      )) as Array<{ id: string }>;
      cityIds.set(city.name, row.id);
    }
    for (const person of DEMO_PEOPLE) {
      const city = person.city ? DEMO_CITIES.find((c) => c.name === person.city) : undefined;
      const [row] = (await manager.query(
        `INSERT INTO practitioners (email, display_name, password_hash, network_role, status, position, city_id,
           organisation, languages, time_zone, working_hours, bio)
         VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          person.email,
          person.displayName,
          hashes[person.role],
          person.role,
          person.position,
          person.city ? cityIds.get(person.city) : null,
          person.organisation ?? null,
          person.languages,
          city?.timeZone ?? 'Europe/Brussels',
          JSON.stringify(OFFICE),
          person.bio,
        ],
      )) as Array<{ id: string }>;
      if (person.themes.length > 0) {
        await manager.query(
          `INSERT INTO practitioner_themes (practitioner_id, theme_id)
           SELECT $1, id FROM themes WHERE slug = ANY($2)`,
          [row.id, person.themes],
        );
      }
    }
    const personIds = new Map<string, string>(
      (
        (await manager.query('SELECT id, email FROM practitioners')) as Array<{
          id: string;
          email: string;
        }>
      ).map((r) => [r.email, r.id]),
    );
    for (const exchange of DEMO_EXCHANGES)
      await seedExchange(manager, exchange, cityIds, personIds);
    return true;
  });
}

interface DemoSession {
  kind: SessionKind;
  title: string;
  agenda: string;
  /** Days from the seeding moment; negative = already happened. */
  dayOffset: number;
  /** Start, in UTC hours: 15:00 UTC is inside working hours in both Europe and the US east. */
  utcHour: number;
  minutes: number;
  hostTimeZone: string;
  venue?: { name: string; city: string };
}

interface DemoExchange {
  title: string;
  description: string;
  status: ExchangeStatus;
  attribution: AttributionRule;
  themes: string[];
  cities: string[];
  members: Array<[email: string, role: ExchangeRole]>;
  sessions: DemoSession[];
  /** The lobby conversation: [author email, body, language]. */
  lobby: Array<[string, string, string]>;
}

export const DEMO_EXCHANGES: DemoExchange[] = [
  {
    title: 'Online hate after an attack: local responses',
    description:
      'How cities respond when an attack is followed by a wave of online hate: monitoring, counter-speech with community partners, and support for targeted groups.\n\n**Named exchange**: contributions are attributed to their authors.',
    status: 'active',
    attribution: 'named',
    themes: ['online-hate', 'community-resilience'],
    cities: ['Rotterdam', 'Manchester', 'Atlanta', 'Los Angeles'],
    members: [
      ['coordinator@crossings.example', 'host'],
      ['official.atlanta@crossings.example', 'host'],
      ['mayor.rotterdam@crossings.example', 'participant'],
      ['youth.rotterdam@crossings.example', 'participant'],
      ['ngo.manchester@crossings.example', 'participant'],
      ['teacher.manchester@crossings.example', 'participant'],
      ['official.la@crossings.example', 'participant'],
      ['research.la@crossings.example', 'observer'],
    ],
    sessions: [
      {
        kind: 'workshop',
        title: 'Mapping the first 72 hours',
        agenda: '1. What each city saw online\n2. Who acted, when\n3. Gaps',
        dayOffset: -14,
        utcHour: 15,
        minutes: 90,
        hostTimeZone: 'Europe/Paris',
      },
      {
        kind: 'roundtable',
        title: 'Counter-speech with community partners',
        agenda: 'Short inputs from Manchester and Atlanta, then open discussion.',
        dayOffset: 2,
        utcHour: 15,
        minutes: 60,
        hostTimeZone: 'America/New_York',
      },
      {
        kind: 'keynote',
        title: 'What the research says about online hate spikes',
        agenda: 'Keynote and Q&A.',
        dayOffset: 9,
        utcHour: 16,
        minutes: 45,
        hostTimeZone: 'America/Los_Angeles',
      },
    ],
    lobby: [
      [
        'coordinator@crossings.example',
        'Welcome to the lobby! Introduce yourselves and say what you hope to take home from this exchange.',
        'en',
      ],
      [
        'official.atlanta@crossings.example',
        'Keisha from Atlanta. After the 2021 shootings we learned the hard way how fast rumours spread in local Facebook groups.',
        'en',
      ],
      [
        'youth.rotterdam@crossings.example',
        'Samira, youth worker in Rotterdam-Zuid. Our young people see the hate first, on TikTok, long before any monitoring picks it up.',
        'en',
      ],
      [
        'ngo.manchester@crossings.example',
        'Priya here. In Manchester the community WhatsApp groups were our early-warning system. Happy to share how we set them up.',
        'en',
      ],
      [
        'official.la@crossings.example',
        'Daniel, LA Human Relations Commission. Looking forward to the counter-speech roundtable.',
        'en',
      ],
    ],
  },
  {
    title: 'Returning foreign fighters and their families',
    description:
      'Exit, mentoring and family support for returnees: what works between national and local authorities.\n\n**Chatham House rule**: inside the exchange people see who said what; nothing that leaves it names anyone.',
    status: 'active',
    attribution: 'chatham-house',
    themes: ['returning-foreign-fighters', 'national-local-coordination', 'mental-health'],
    cities: ['Antwerp', 'Aarhus', 'Lyon', 'Minneapolis', 'Denver'],
    members: [
      ['official.aarhus@crossings.example', 'host'],
      ['coordinator@crossings.example', 'host'],
      ['official.antwerp@crossings.example', 'participant'],
      ['social.lyon@crossings.example', 'participant'],
      ['ngo.aarhus@crossings.example', 'participant'],
      ['official.minneapolis@crossings.example', 'participant'],
      ['practitioner.denver@crossings.example', 'participant'],
      ['mayor.denver@crossings.example', 'participant'],
      ['research.minneapolis@crossings.example', 'observer'],
    ],
    sessions: [
      {
        kind: 'roundtable',
        title: 'Case conferences: who sits at the table',
        agenda: 'Each city presents its multi-agency set-up.',
        dayOffset: -3,
        utcHour: 15,
        minutes: 90,
        hostTimeZone: 'Europe/Copenhagen',
      },
      {
        kind: 'workshop',
        title: 'Supporting children of returnees',
        agenda: 'Schools, social services and trauma care.',
        dayOffset: 5,
        utcHour: 15,
        minutes: 90,
        hostTimeZone: 'Europe/Brussels',
      },
      {
        kind: 'site-visit',
        title: 'Aarhus exit programme visit',
        agenda: 'A day with the Aarhus mentors.',
        dayOffset: 30,
        utcHour: 8,
        minutes: 420,
        hostTimeZone: 'Europe/Copenhagen',
        venue: { name: 'Aarhus City Hall', city: 'Aarhus' },
      },
    ],
    lobby: [
      [
        'official.aarhus@crossings.example',
        'Welcome, everyone. A reminder: this exchange runs under the Chatham House rule. Speak freely; nothing leaves with your name.',
        'en',
      ],
      [
        'official.antwerp@crossings.example',
        'Bonjour à tous. À Anvers, nous travaillons avec les familles depuis 2014 ; je peux partager nos protocoles.',
        'fr',
      ],
      [
        'official.minneapolis@crossings.example',
        'Thanks Mette. In Minneapolis the hardest part is trust between families and federal agencies. Curious how Aarhus handles that.',
        'en',
      ],
      [
        'ngo.aarhus@crossings.example',
        'Mentors are independent of the police here; that separation is the whole point. More at the site visit.',
        'en',
      ],
    ],
  },
];

async function seedExchange(
  manager: EntityManager,
  exchange: DemoExchange,
  cityIds: Map<string, string>,
  personIds: Map<string, string>,
): Promise<void> {
  const hostId = personIds.get(exchange.members[0][0]);
  const [row] = (await manager.query(
    `INSERT INTO exchanges (title, description, status, attribution, created_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [exchange.title, exchange.description, exchange.status, exchange.attribution, hostId],
  )) as Array<{ id: string }>;
  await manager.query(
    `INSERT INTO exchange_themes (exchange_id, theme_id) SELECT $1, id FROM themes WHERE slug = ANY($2)`,
    [row.id, exchange.themes],
  );
  for (const city of exchange.cities) {
    await manager.query(`INSERT INTO exchange_cities (exchange_id, city_id) VALUES ($1, $2)`, [
      row.id,
      cityIds.get(city),
    ]);
  }
  for (const [email, role] of exchange.members) {
    await manager.query(
      `INSERT INTO exchange_members (exchange_id, practitioner_id, role, added_by_id) VALUES ($1, $2, $3, $4)`,
      [row.id, personIds.get(email), role, hostId],
    );
  }
  const [lobby] = (await manager.query(
    `INSERT INTO rooms (exchange_id, kind) VALUES ($1, 'lobby') RETURNING id`,
    [row.id],
  )) as Array<{ id: string }>;
  let seq = 0;
  for (const [email, body, language] of exchange.lobby) {
    seq += 1;
    await manager.query(
      `INSERT INTO messages (room_id, seq, author_id, client_message_id, body, language, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() - make_interval(mins => $7))`,
      [
        lobby.id,
        seq,
        personIds.get(email),
        `demo-${seq.toString().padStart(4, '0')}`,
        body,
        language,
        (exchange.lobby.length - seq) * 7 + 3,
      ],
    );
  }
  await manager.query('UPDATE rooms SET last_seq = $2 WHERE id = $1', [lobby.id, seq]);
  const today = new Date();
  for (const session of exchange.sessions) {
    const start = new Date(
      Date.UTC(
        today.getUTCFullYear(),
        today.getUTCMonth(),
        today.getUTCDate() + session.dayOffset,
        session.utcHour,
      ),
    );
    const end = new Date(start.getTime() + session.minutes * 60_000);
    await manager.query(
      `INSERT INTO sessions (exchange_id, kind, title, agenda, starts_at, ends_at, host_time_zone, online, venue_name, venue_city_id, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        row.id,
        session.kind,
        session.title,
        session.agenda,
        start,
        end,
        session.hostTimeZone,
        !session.venue,
        session.venue?.name ?? null,
        session.venue ? cityIds.get(session.venue.city) : null,
        hostId,
      ],
    );
  }
}
