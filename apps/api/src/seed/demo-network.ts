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
} from '#libs/contracts';
import { regionOf } from '#libs/cities';
import { hashPassword } from '#libs/identity';
import { seedDemoThreads } from './demo-threads.js';
import { PracticeIndex } from '#libs/practices';
import { FilesService } from '#libs/files';
import { attachDemoReport, seedDemoPractices } from './demo-practices.js';

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
  {
    title: 'Leading cities through polarization',
    description:
      'Mayors, officials and practitioners from both sides of the Atlantic compare how they keep local democracy civil: council meetings under pressure, threats against local officials, far-right mobilisation, and bringing divided neighbourhoods back to one table.\n\n**Named exchange**: contributions are attributed to their authors. Its **transatlantic drop-in** room is open whenever you come by: say hello to a peer across the ocean.',
    status: 'active',
    attribution: 'named',
    themes: ['polarization', 'far-right-violent-extremism', 'community-resilience'],
    cities: [
      'Rotterdam',
      'Lyon',
      'Strasbourg',
      'Munich',
      'Boston',
      'Atlanta',
      'Denver',
      'Minneapolis',
    ],
    members: [
      ['coordinator@crossings.example', 'host'],
      ['mayor.boston@crossings.example', 'host'],
      ['mayor.rotterdam@crossings.example', 'participant'],
      ['mayor.lyon@crossings.example', 'participant'],
      ['official.strasbourg@crossings.example', 'participant'],
      ['police.munich@crossings.example', 'participant'],
      ['research.munich@crossings.example', 'participant'],
      ['social.boston@crossings.example', 'participant'],
      ['ngo.atlanta@crossings.example', 'participant'],
      ['mayor.denver@crossings.example', 'participant'],
      ['practitioner.denver@crossings.example', 'participant'],
      ['research.minneapolis@crossings.example', 'observer'],
    ],
    sessions: [
      {
        kind: 'roundtable',
        title: 'Threats against local officials',
        agenda: 'How Munich, Boston and Lyon protect council members and staff, online and off.',
        dayOffset: -7,
        utcHour: 15,
        minutes: 75,
        hostTimeZone: 'America/New_York',
      },
      {
        kind: 'workshop',
        title: 'Council meetings under pressure',
        agenda: "Rotterdam's dialogue tables before divisive votes, and what Denver tried instead.",
        dayOffset: 4,
        utcHour: 15,
        minutes: 90,
        hostTimeZone: 'Europe/Amsterdam',
      },
    ],
    lobby: [
      [
        'coordinator@crossings.example',
        'Welcome! The transatlantic drop-in room of this exchange is always open: come in and meet someone from the other side of the ocean.',
        'en',
      ],
      [
        'mayor.boston@crossings.example',
        'Dan from Boston. Our council meetings have turned into shouting matches; keen to hear how European cities keep them civil.',
        'en',
      ],
      [
        'mayor.rotterdam@crossings.example',
        'Pieter, Rotterdam. Before every divisive vote we hold neighbourhood dialogue tables. Happy to share what worked and what did not.',
        'en',
      ],
      [
        'official.strasbourg@crossings.example',
        "Anne, Strasbourg. Nous voyons des groupes d'extrême droite se coordonner des deux côtés du Rhin ; les expériences américaines m'intéressent.",
        'fr',
      ],
      [
        'practitioner.denver@crossings.example',
        'Jamal from Denver. I work with young men pulled into militia spaces online. Would love to compare notes with Munich.',
        'en',
      ],
    ],
  },
];

/** The demo session that is open whenever the app runs: see openDropInSession. */
export const DROP_IN = {
  exchangeTitle: 'Leading cities through polarization',
  /** The exchange's creator, so that no real exchange of the same title is ever touched. */
  hostEmail: 'coordinator@crossings.example',
  title: 'Transatlantic drop-in',
  agenda:
    'An open room for meeting peers across the Atlantic: come in, say where you are from and what you work on.',
  hostTimeZone: 'Europe/Paris',
  hours: 8,
  /** Two people to try it with, one on each side of the ocean. */
  tryWith: ['mayor.rotterdam@crossings.example', 'practitioner.denver@crossings.example'],
} as const;

/** The ids the parts of the seed hand to each other (later parts add threads, practices…). */
interface DemoIds {
  cityIds: Map<string, string>;
  personIds: Map<string, string>;
}

// One seeder (and one drop-in mover) at a time, even when two nodes start together.
const DEMO_LOCK = 727001;

/** Seeds the demo network unless the database already has accounts. Returns true if it seeded. */
export async function seedDemoNetworkIfEmpty(app: INestApplication): Promise<boolean> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const practiceIndex = app.get(PracticeIndex);
  const hashes = {
    member: await hashPassword(DEMO_PASSWORDS.member),
    coordinator: await hashPassword(DEMO_PASSWORDS.coordinator),
    admin: await hashPassword(DEMO_PASSWORDS.admin),
  };
  const seeded = await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
    const [{ count }] = (await manager.query(
      'SELECT count(*)::int AS count FROM practitioners',
    )) as [{ count: number }];
    if (count > 0) return false;
    const cityIds = await seedCities(manager);
    const personIds = await seedPeople(manager, cityIds, hashes);
    const ids: DemoIds = { cityIds, personIds };
    const exchangeIds = new Map<string, string>();
    for (const exchange of DEMO_EXCHANGES)
      exchangeIds.set(exchange.title, await seedExchange(manager, exchange, ids));
    await seedDemoThreads(manager, exchangeIds, personIds);
    await seedDemoPractices(manager, ids, (snapshot, facts, m) =>
      practiceIndex.put(snapshot, facts, m),
    );
    return true;
  });
  // Uploads store their content and take their own transactions: after the network is there.
  if (seeded) await attachDemoReport(dataSource, app.get(FilesService));
  return seeded;
}

export interface DropInSession {
  exchangeId: string;
  sessionId: string;
  roomId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * On a database that holds the demo network, makes the drop-in session span `now` (creating it,
 * or moving it from an earlier start) so that its room is live at once. Members are told
 * nothing: this is the demo keeping itself alive, not a coordinator rescheduling. Returns null
 * on any other database.
 */
export async function openDropInSession(
  app: INestApplication,
  now = new Date(),
): Promise<DropInSession | null> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
    const [exchange] = (await manager.query(
      `SELECT e.id, e.created_by_id FROM exchanges e JOIN practitioners p ON p.id = e.created_by_id
        WHERE e.title = $1 AND p.email = $2`,
      [DROP_IN.exchangeTitle, DROP_IN.hostEmail],
    )) as Array<{ id: string; created_by_id: string }>;
    if (!exchange) return null;
    // From the last quarter hour, for DROP_IN.hours: a tidy time in every zone.
    const quarter = 15 * 60_000;
    const startsAt = new Date(Math.floor(now.getTime() / quarter) * quarter);
    const endsAt = new Date(startsAt.getTime() + DROP_IN.hours * 3_600_000);
    const [existing] = (await manager.query(
      `SELECT id, starts_at, ends_at, status FROM sessions WHERE exchange_id = $1 AND title = $2
        ORDER BY created_at LIMIT 1`,
      [exchange.id, DROP_IN.title],
    )) as Array<{ id: string; starts_at: Date; ends_at: Date; status: string }>;
    let sessionId: string;
    if (!existing) {
      const [row] = (await manager.query(
        `INSERT INTO sessions (exchange_id, kind, title, agenda, starts_at, ends_at, host_time_zone, online, created_by_id)
         VALUES ($1, 'roundtable', $2, $3, $4, $5, $6, true, $7) RETURNING id`,
        [
          exchange.id,
          DROP_IN.title,
          DROP_IN.agenda,
          startsAt,
          endsAt,
          DROP_IN.hostTimeZone,
          exchange.created_by_id,
        ],
      )) as [{ id: string }];
      sessionId = row.id;
    } else {
      sessionId = existing.id;
      const spansNow =
        existing.status === 'scheduled' &&
        existing.starts_at.getTime() <= now.getTime() &&
        existing.ends_at.getTime() - now.getTime() >= 2 * 3_600_000;
      if (!spansNow) {
        // SEQUENCE moves on, as for any change, so subscribed calendars follow.
        await manager.query(
          `UPDATE sessions SET starts_at = $2, ends_at = $3, status = 'scheduled',
                  sequence = sequence + 1, updated_at = now()
            WHERE id = $1`,
          [sessionId, startsAt, endsAt],
        );
      }
    }
    await manager.query(
      `INSERT INTO rooms (exchange_id, kind, session_id) VALUES ($1, 'session', $2)
       ON CONFLICT (session_id) DO NOTHING`,
      [exchange.id, sessionId],
    );
    const [session] = (await manager.query(
      `SELECT s.starts_at, s.ends_at, r.id AS room_id FROM sessions s JOIN rooms r ON r.session_id = s.id
        WHERE s.id = $1`,
      [sessionId],
    )) as [{ starts_at: Date; ends_at: Date; room_id: string }];
    return {
      exchangeId: exchange.id,
      sessionId,
      roomId: session.room_id,
      startsAt: session.starts_at,
      endsAt: session.ends_at,
    };
  });
}

/** What a start does for the demo: seed an empty database (when asked), open the drop-in. */
export async function prepareDemoNetwork(
  app: INestApplication,
  options: { seed: boolean },
): Promise<{ seeded: boolean; dropIn: DropInSession | null }> {
  const seeded = options.seed ? await seedDemoNetworkIfEmpty(app) : false;
  return { seeded, dropIn: await openDropInSession(app) };
}

async function seedCities(manager: EntityManager): Promise<Map<string, string>> {
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
    )) as [{ id: string }];
    cityIds.set(city.name, row.id);
  }
  return cityIds;
}

async function seedPeople(
  manager: EntityManager,
  cityIds: Map<string, string>,
  hashes: Record<NetworkRole, string>,
): Promise<Map<string, string>> {
  const personIds = new Map<string, string>();
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
    )) as [{ id: string }];
    personIds.set(person.email, row.id);
    if (person.themes.length > 0) {
      await manager.query(
        `INSERT INTO practitioner_themes (practitioner_id, theme_id)
         SELECT $1, id FROM themes WHERE slug = ANY($2)`,
        [row.id, person.themes],
      );
    }
  }
  return personIds;
}

async function seedExchange(
  manager: EntityManager,
  exchange: DemoExchange,
  { cityIds, personIds }: DemoIds,
): Promise<string> {
  const hostId = personIds.get(exchange.members[0]![0]);
  const [row] = (await manager.query(
    `INSERT INTO exchanges (title, description, status, attribution, created_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [exchange.title, exchange.description, exchange.status, exchange.attribution, hostId],
  )) as [{ id: string }];
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
  await seedLobby(manager, row.id, exchange.lobby, personIds);
  await seedSessions(manager, row.id, exchange.sessions, hostId!, cityIds);
  return row.id;
}

async function seedLobby(
  manager: EntityManager,
  exchangeId: string,
  conversation: DemoExchange['lobby'],
  personIds: Map<string, string>,
): Promise<void> {
  const [lobby] = (await manager.query(
    `INSERT INTO rooms (exchange_id, kind) VALUES ($1, 'lobby') RETURNING id`,
    [exchangeId],
  )) as [{ id: string }];
  let seq = 0;
  for (const [email, body, language] of conversation) {
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
        (conversation.length - seq) * 7 + 3,
      ],
    );
  }
  await manager.query('UPDATE rooms SET last_seq = $2 WHERE id = $1', [lobby.id, seq]);
}

async function seedSessions(
  manager: EntityManager,
  exchangeId: string,
  sessions: DemoSession[],
  hostId: string,
  cityIds: Map<string, string>,
): Promise<void> {
  const today = new Date();
  for (const session of sessions) {
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
        exchangeId,
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
