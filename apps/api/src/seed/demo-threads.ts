// The demo's threads: in the network commons and in two of the demo exchanges (one named, one
// under the Chatham House rule), in English, French, Dutch and German, with nested replies, a
// question with an accepted answer in the commons and another in the Chatham House exchange, two
// lessons learned, reactions, and read positions that leave each demo member something new.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { mentionToken, type Reaction, type ThreadKind } from '#libs/contracts';
import { Flag } from '#libs/moderation';

interface DemoPost {
  by: string;
  language: string;
  body: string;
  /** Markdown; `{{@email}}` mentions that demo person. */
  /** Hours after the previous post. */
  after?: number;
  replies?: DemoPost[];
  /** The accepted answer of a question. */
  answer?: boolean;
  reactions?: Array<[email: string, reaction: Reaction]>;
}

interface DemoThread {
  /** The exchange's title, or null for the commons. */
  exchange: string | null;
  title: string;
  kind: ThreadKind;
  themes: string[];
  daysAgo: number;
  pinned?: boolean;
  opening: DemoPost;
}

/** The reply the demo's review queue holds a flag on (see seedDemoThreads). */
export const FLAGGED_DEMO_POST =
  'Honestly, the people who wrote those posts should be named and shamed in the press. That would stop them.';

const ONLINE_HATE = 'Online hate after an attack: local responses';
const RETURNEES = 'Returning foreign fighters and their families';

export const DEMO_THREADS: DemoThread[] = [
  {
    exchange: null,
    title: 'Welcome to the commons: what are you working on this year?',
    kind: 'discussion',
    themes: ['community-resilience'],
    daysAgo: 12,
    pinned: true,
    opening: {
      by: 'coordinator@crossings.example',
      language: 'en',
      body: 'The commons is open to every member of the network. Introduce yourself in a line or two: **your city**, what you work on, and one thing you would like to learn from a city on the other side of the Atlantic.',
      replies: [
        {
          by: 'mayor.rotterdam@crossings.example',
          language: 'nl',
          after: 5,
          body: 'Pieter van Dijk, burgemeester van Rotterdam. Dit jaar werken we aan dialoogtafels in de wijken vóór elke gevoelige raadsstemming. Ik ben benieuwd hoe Amerikaanse steden omgaan met bedreigingen tegen raadsleden.',
          reactions: [
            ['mayor.boston@crossings.example', 'thumbs-up'],
            ['coordinator@crossings.example', 'heart'],
          ],
          replies: [
            {
              by: 'mayor.boston@crossings.example',
              language: 'en',
              after: 9,
              body: 'Pieter, Boston here: we started escorting council staff after late meetings and moved public comment online for the hardest votes. Happy to compare notes at the roundtable.',
              replies: [
                {
                  by: 'mayor.rotterdam@crossings.example',
                  language: 'en',
                  after: 14,
                  body: 'Thanks Dan — the escorts are interesting. Did it change who dares to speak at public comment?',
                },
              ],
            },
          ],
        },
        {
          by: 'mayor.lyon@crossings.example',
          language: 'fr',
          after: 20,
          body: "Hélène Martin, adjointe au maire de Lyon. Nous construisons un réseau de médiateurs dans les quartiers où les tensions montent après chaque fait divers. J'aimerais savoir comment Atlanta a travaillé avec les églises.",
          reactions: [['ngo.atlanta@crossings.example', 'clap']],
        },
        {
          by: 'police.munich@crossings.example',
          language: 'de',
          after: 30,
          body: 'Markus Huber, Polizei München, Kontaktbeamter für Kommunen. Wir bauen ein gemeinsames Lagebild mit der Stadtverwaltung auf. Mich interessiert, wie US-Städte Drohungen gegen Kommunalpolitiker dokumentieren.',
        },
        {
          by: 'practitioner.denver@crossings.example',
          language: 'en',
          after: 40,
          body: 'Jamal Carter, Denver. I work with young men drifting into militia spaces online. I would love to learn how Munich and Rotterdam reach them before the police has to.',
        },
      ],
    },
  },
  {
    exchange: null,
    title: 'Has anyone evaluated a counter-speech campaign independently?',
    kind: 'question',
    themes: ['online-hate'],
    daysAgo: 9,
    opening: {
      by: 'official.la@crossings.example',
      language: 'en',
      body: 'We ran a counter-speech campaign with community partners after a wave of antisemitic posts. Everyone *felt* it worked, but I cannot show it. Has anyone had such a campaign **evaluated by someone outside the city**? What did they measure?',
      replies: [
        {
          by: 'teacher.manchester@crossings.example',
          language: 'en',
          after: 6,
          body: 'Not independently, sadly. We counted shares and comments, which tells you little about whether anyone changed their mind.',
        },
        {
          by: 'research.munich@crossings.example',
          language: 'en',
          after: 11,
          answer: true,
          body: 'Yes — we evaluated one in Munich with the university. What worked:\n\n1. A **baseline survey** of the target neighbourhoods *before* the campaign.\n2. A comparison district without the campaign.\n3. Measuring reported experiences of hostility, not just online engagement.\n\nThe report (in German, with an English summary) is at https://example.org/munich-counter-speech-evaluation. Happy to walk anyone through it.',
          reactions: [
            ['official.la@crossings.example', 'lightbulb'],
            ['ngo.manchester@crossings.example', 'heart'],
            ['research.la@crossings.example', 'thumbs-up'],
          ],
          replies: [
            {
              by: 'ngo.manchester@crossings.example',
              language: 'en',
              after: 4,
              body: 'This is exactly what we need. Did the comparison district have a similar media landscape?',
              replies: [
                {
                  by: 'research.munich@crossings.example',
                  language: 'de',
                  after: 7,
                  body: 'Ja, weitgehend: dieselben Lokalzeitungen und ähnliche Facebook-Gruppen. Der wichtigste Unterschied war der Anteil junger Menschen.',
                },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    exchange: ONLINE_HATE,
    title: 'Lesson learned: our first 72 hours after the 2021 shootings',
    kind: 'lesson-learned',
    themes: ['online-hate', 'community-resilience'],
    daysAgo: 15,
    opening: {
      by: 'official.atlanta@crossings.example',
      language: 'en',
      body: '**What happened.** Within an hour of the shootings, rumours about the victims spread in local Facebook groups, and hateful posts targeted Asian-owned businesses.\n\n**What worked.** A single city spokesperson posting verified facts every two hours; community liaisons who were already trusted in the affected neighbourhoods; opening the community centre the same evening.\n\n**What did not.** Our monitoring only covered the city’s own channels. We learned about the worst groups from residents, a day late.\n\n**What we would do again.** Agree before any crisis who speaks, where, and how often.',
      reactions: [
        ['youth.rotterdam@crossings.example', 'heart'],
        ['ngo.manchester@crossings.example', 'clap'],
        ['coordinator@crossings.example', 'lightbulb'],
      ],
      replies: [
        {
          by: 'youth.rotterdam@crossings.example',
          language: 'nl',
          after: 8,
          body: 'Herkenbaar. In Rotterdam-Zuid zagen onze jongeren de haat eerst op TikTok, lang voordat iemand bij de gemeente het doorhad. Wij werken nu met jongeren als "verkenners" die signalen doorgeven.',
          replies: [
            {
              by: 'official.atlanta@crossings.example',
              language: 'en',
              after: 10,
              body: 'Samira, the scouts idea is great. How do you protect those young people from becoming targets themselves?',
            },
          ],
        },
        {
          by: 'teacher.manchester@crossings.example',
          language: 'en',
          after: 20,
          body: FLAGGED_DEMO_POST,
        },
        {
          by: 'ngo.manchester@crossings.example',
          language: 'en',
          after: 26,
          body: 'The spokesperson rhythm matches what we saw in Manchester: silence is filled by whoever is loudest. We now have a template statement ready for the first hour.',
        },
      ],
    },
  },
  {
    exchange: ONLINE_HATE,
    title: 'Signalen op TikTok eerder oppikken',
    kind: 'discussion',
    themes: ['online-hate', 'youth-engagement'],
    daysAgo: 4,
    opening: {
      by: 'youth.rotterdam@crossings.example',
      language: 'nl',
      body: 'Hoe zorgen jullie ervoor dat signalen van jongeren over haat op TikTok en Instagram snel bij de juiste mensen terechtkomen? Bij ons duurt het soms dagen.',
      replies: [
        {
          by: 'mayor.rotterdam@crossings.example',
          language: 'nl',
          after: 3,
          body: 'We testen een vaste contactpersoon per wijk die rechtstreeks met het jongerenwerk appt. Kort lijntje, geen formulieren.',
        },
        {
          by: 'official.la@crossings.example',
          language: 'en',
          after: 7,
          body: 'Sorry for answering in English: in LA our Human Relations Commission runs a text line young people can use anonymously. Reports reach a caseworker within the hour.',
        },
      ],
    },
  },
  {
    exchange: RETURNEES,
    title: 'Leçons apprises : accompagner les mères à leur retour',
    kind: 'lesson-learned',
    themes: ['returning-foreign-fighters', 'mental-health'],
    daysAgo: 10,
    opening: {
      by: 'social.lyon@crossings.example',
      language: 'fr',
      body: "**Ce qui s'est passé.** Trois mères sont revenues avec leurs enfants en 2024. Les services nationaux se concentraient sur la sécurité, personne sur la vie quotidienne.\n\n**Ce qui a marché.** Un référent unique pour chaque famille, présent dès l'arrivée ; l'école informée avec l'accord des mères ; un suivi psychologique pour les enfants dès la première semaine.\n\n**Ce qui n'a pas marché.** Les réunions à six services : les mères se sentaient jugées et se taisaient.\n\n**À transmettre.** Commencer par le logement et l'école, la confiance suit.",
      reactions: [
        ['official.aarhus@crossings.example', 'heart'],
        ['official.minneapolis@crossings.example', 'lightbulb'],
      ],
      replies: [
        {
          by: 'official.antwerp@crossings.example',
          language: 'en',
          after: 6,
          body: 'In Antwerp we saw the same with multi-agency meetings. We now hold them without the family and have one person report back.',
          replies: [
            {
              by: 'social.lyon@crossings.example',
              language: 'fr',
              after: 9,
              body: "C'est ce que nous faisons maintenant aussi. La personne qui fait le lien doit être celle en qui la mère a confiance, pas la plus haut placée.",
            },
          ],
        },
        {
          by: 'practitioner.denver@crossings.example',
          language: 'en',
          after: 15,
          body: 'Very useful. In the US the federal side leads almost entirely; cities rarely get a say. Did the national services accept a city referent?',
        },
      ],
    },
  },
  {
    exchange: RETURNEES,
    title: 'How do you share information with national services without losing families’ trust?',
    kind: 'question',
    themes: ['national-local-coordination', 'returning-foreign-fighters'],
    daysAgo: 6,
    opening: {
      by: 'official.minneapolis@crossings.example',
      language: 'en',
      body: 'Families tell our caseworkers things they would never tell a federal agent. When do you pass information on, and how do you tell the family?',
      replies: [
        {
          by: 'official.aarhus@crossings.example',
          language: 'en',
          after: 5,
          body: 'In Aarhus the rule is written down and shown to every family on day one: we share only what concerns imminent danger, and we say so before we do it.',
        },
        {
          by: 'ngo.aarhus@crossings.example',
          language: 'en',
          after: 9,
          answer: true,
          body: 'From the mentor side: **keep the mentor outside the information chain.** Mentors are employed by an NGO, not the police; the municipality shares through its own caseworker. Families know the mentor will never be the one who reports them — that is what keeps them talking.',
          reactions: [
            ['official.minneapolis@crossings.example', 'heart'],
            ['mayor.denver@crossings.example', 'thumbs-up'],
          ],
          replies: [
            {
              by: 'mayor.denver@crossings.example',
              language: 'en',
              after: 12,
              body: 'That separation is what we are missing in Denver. {{@ngo.aarhus@crossings.example}}, could we see your written rule?',
            },
          ],
        },
      ],
    },
  },
];

/** Seeds the demo threads (the exchanges by title, the people by email). */
export async function seedDemoThreads(
  manager: EntityManager,
  exchangeIds: Map<string, string>,
  personIds: Map<string, string>,
): Promise<void> {
  const person = (email: string) => {
    const id = personIds.get(email);
    if (!id) throw new Error(`demo threads: no demo person ${email}`);
    return id;
  };
  for (const demo of DEMO_THREADS) {
    const exchangeId = demo.exchange ? exchangeIds.get(demo.exchange) : null;
    if (exchangeId === undefined) throw new Error(`demo threads: no exchange ${demo.exchange}`);
    const threadId = randomUUID();
    const started = new Date(Date.now() - demo.daysAgo * 24 * 3_600_000);
    const author = person(demo.opening.by);
    const firstPostId = randomUUID();
    await manager.query(
      `INSERT INTO threads (id, exchange_id, author_id, created_by_id, client_id, kind, title, language,
         first_post_id, created_at, last_activity_at, pinned_at, pinned_by_id)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11)`,
      [
        threadId,
        exchangeId,
        author,
        `demo-thread-${threadId.slice(0, 8)}`,
        demo.kind,
        demo.title,
        demo.opening.language,
        firstPostId,
        started,
        demo.pinned ? started : null,
        demo.pinned ? person('coordinator@crossings.example') : null,
      ],
    );
    await manager.query(
      `INSERT INTO thread_themes (thread_id, theme_id) SELECT $1, id FROM themes WHERE slug = ANY($2)`,
      [threadId, demo.themes],
    );
    // Posts in reading order: a reply always after its parent, numbered 1, 2, 3…
    let seq = 0;
    let at = started.getTime();
    let answerId: string | null = null;
    const withMentions = async (body: string) => {
      let result = body;
      for (const [token, email] of body.matchAll(/\{\{@([^}]+)\}\}/g)) {
        const [row] = (await manager.query('SELECT display_name FROM practitioners WHERE id = $1', [
          person(email!),
        ])) as Array<{ display_name: string }>;
        result = result.replace(
          token,
          mentionToken({ id: person(email!), displayName: row!.display_name }),
        );
      }
      return result;
    };
    const write = async (
      post: DemoPost,
      id: string,
      parent: { id: string; depth: number; branchId: string | null } | null,
    ) => {
      seq += 1;
      at += (post.after ?? 0) * 3_600_000;
      const depth = parent ? parent.depth + 1 : 0;
      const branchId = depth === 0 ? null : depth === 1 ? id : parent!.branchId;
      await manager.query(
        `INSERT INTO posts (id, thread_id, seq, parent_id, branch_id, depth, author_id, client_id, body, language, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, date_trunc('milliseconds', $11::timestamptz))`,
        [
          id,
          threadId,
          seq,
          parent?.id ?? null,
          branchId,
          depth,
          person(post.by),
          `demo-post-${seq}`,
          await withMentions(post.body),
          post.language,
          new Date(Math.min(at, Date.now() - 60_000)),
        ],
      );
      if (post.answer) answerId = id;
      for (const [email, reaction] of post.reactions ?? [])
        await manager.query(
          'INSERT INTO post_reactions (post_id, practitioner_id, reaction) VALUES ($1, $2, $3)',
          [id, person(email), reaction],
        );
      for (const child of post.replies ?? [])
        await write(child, randomUUID(), { id, depth, branchId });
    };
    await write(demo.opening, firstPostId, null);
    // The counters a thread keeps (what a real post keeps up to date as it goes).
    await manager.query(
      `UPDATE posts p SET reply_count = (SELECT count(*)::int FROM posts c WHERE c.parent_id = p.id)
        WHERE p.thread_id = $1`,
      [threadId],
    );
    await manager.query(
      `UPDATE threads t SET last_seq = $2, reply_count = $2 - 1, answer_post_id = $3,
              last_activity_at = (SELECT max(created_at) FROM posts WHERE thread_id = t.id)
        WHERE t.id = $1`,
      [threadId, seq, answerId],
    );
    await manager.query(
      `INSERT INTO thread_participants (thread_id, practitioner_id, post_count, last_posted_at)
       SELECT thread_id, author_id, count(*), max(created_at) FROM posts WHERE thread_id = $1
        GROUP BY thread_id, author_id`,
      [threadId],
    );
    // Everyone who wrote has read up to their own last post (later ones are new to them); the
    // opening post's author watches the thread.
    await manager.query(
      `INSERT INTO thread_readers (practitioner_id, thread_id, last_read_seq, last_visit_at, follow_level)
       SELECT author_id, thread_id, max(seq), max(created_at),
              CASE WHEN author_id = $2 THEN 'watching' ELSE 'normal' END
         FROM posts WHERE thread_id = $1 GROUP BY author_id, thread_id`,
      [threadId, author],
    );
  }
  await seedDemoFlags(manager, person);
}

/**
 * The demo's review queue: two members reported FLAGGED_DEMO_POST (in "Lesson learned: our first
 * 72 hours after the 2021 shootings"), under the threshold, so it is still shown and waits for
 * the exchange's hosts (the demo coordinator among them). Written as rows: FlagsService works in
 * its own transaction, and the demo network is still uncommitted here.
 */
async function seedDemoFlags(
  manager: EntityManager,
  person: (email: string) => string,
): Promise<void> {
  const [post] = (await manager.query(
    'SELECT p.id, t.exchange_id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.body = $1',
    [FLAGGED_DEMO_POST],
  )) as Array<{ id: string; exchange_id: string | null }>;
  if (!post) throw new Error('demo threads: the flagged demo post is missing');
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
  await manager.getRepository(Flag).insert([
    {
      subjectType: 'post',
      subjectId: post.id,
      exchangeId: post.exchange_id,
      reporterId: person('youth.rotterdam@crossings.example'),
      reason: 'harassment',
      text: null,
      createdAt: hoursAgo(30),
    },
    {
      subjectType: 'post',
      subjectId: post.id,
      exchangeId: post.exchange_id,
      reporterId: person('research.la@crossings.example'),
      reason: 'other',
      text: 'Calls for naming people in the press; that could put them and their families at risk.',
      createdAt: hoursAgo(6),
    },
  ]);
}
