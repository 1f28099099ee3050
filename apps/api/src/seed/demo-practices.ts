// The demo's practice library: published entries in English, French, Dutch and German (some
// translated), from cities on both sides of the Atlantic, across themes, target groups and every
// evidence level; some linked to the demo exchanges and sessions; two public; one in review with
// comments, and a request to quote someone that waits for their answer.
import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  EvidenceLevel,
  PracticeScale,
  PracticeTexts,
  PracticeVisibility,
  TargetGroup,
} from '#libs/contracts';
import type { FilesService } from '#libs/files';
import { documentsOf, type PracticeSnapshot } from '#libs/practices';

type Texts = Partial<PracticeTexts> & { title: string; summary: string };

export interface DemoPractice {
  author: string;
  original: string;
  texts: Record<string, Texts>;
  themes: string[];
  targetGroups: TargetGroup[];
  cities: string[];
  scale: PracticeScale;
  period: [start: string, end: string | null];
  evidence: EvidenceLevel;
  evaluationUrl?: string;
  contact?: { name: string; organisation: string; email: string };
  visibility: PracticeVisibility;
  exchange?: string;
  session?: string;
  /** Words of a lobby message to quote (accepted), and who said them. */
  quote?: { speaker: string; words: string };
  publishedDaysAgo: number;
}

const E1 = 'Online hate after an attack: local responses';
const E2 = 'Returning foreign fighters and their families';
const E3 = 'Leading cities through polarization';

export const DEMO_PRACTICES: DemoPractice[] = [
  {
    author: 'mayor.rotterdam@crossings.example',
    original: 'nl',
    texts: {
      nl: {
        title: 'Dialoogtafels in de wijk vóór een beladen raadsbesluit',
        summary:
          'Voor elk verdeeld raadsbesluit nodigt Rotterdam bewoners uit aan dialoogtafels in hun wijk, begeleid door getrainde gespreksleiders.',
        challenge:
          'Raadsvergaderingen over opvanglocaties en moskeebouw liepen uit op schreeuwpartijen; bewoners voelden zich niet gehoord en de polarisatie nam toe.',
        approach:
          'De gemeente organiseert drie weken vóór het besluit **dialoogtafels** in buurthuizen. Gespreksleiders van een welzijnsorganisatie zorgen dat iedereen aan het woord komt; raadsleden luisteren mee maar spreken niet.',
        resources:
          'Twee gespreksleiders per tafel, een buurthuis, een budget van ongeveer 8.000 euro per traject.',
        outcomes:
          'In vier trajecten daalde het aantal klachten na het besluit met ongeveer de helft.',
        lessonsWorked:
          'Raadsleden die alleen luisteren winnen vertrouwen. Een vaste gespreksleider per wijk werkt.',
        lessonsDidNot:
          'Online enquêtes trokken vooral de felste tegenstanders en vervingen de tafels niet.',
        transferability:
          'Vraagt een welzijnspartner met getrainde gespreksleiders en een raad die bereid is te luisteren.',
      },
      en: {
        title: 'Neighbourhood dialogue tables before a divisive council vote',
        summary:
          'Before every divisive council decision, Rotterdam invites residents to dialogue tables in their neighbourhood, led by trained facilitators.',
        challenge:
          'Council meetings on shelters and mosque construction turned into shouting matches; residents felt unheard and polarisation grew.',
        approach:
          'Three weeks before the vote the city holds **dialogue tables** in community centres. Facilitators from a welfare organisation make sure everyone speaks; council members listen but do not speak.',
        resources:
          'Two facilitators per table, a community centre, a budget of about 8,000 euros per process.',
        outcomes: 'Across four processes, complaints after the decision fell by about half.',
        lessonsWorked:
          'Council members who only listen earn trust. One facilitator per neighbourhood works.',
        lessonsDidNot:
          'Online surveys mostly drew the fiercest opponents and did not replace the tables.',
        transferability:
          'Needs a welfare partner with trained facilitators and a council willing to listen.',
      },
    },
    themes: ['polarization', 'community-resilience'],
    targetGroups: ['communities', 'general-public'],
    cities: ['Rotterdam'],
    scale: 'neighbourhood',
    period: ['2019-09', null],
    evidence: 'evaluated-internally',
    contact: {
      name: 'Team Dialoog',
      organisation: 'Gemeente Rotterdam',
      email: 'dialoog@rotterdam.example',
    },
    visibility: 'public',
    exchange: E3,
    session: 'Council meetings under pressure',
    quote: {
      speaker: 'mayor.rotterdam@crossings.example',
      words: 'Before every divisive vote we hold neighbourhood dialogue tables.',
    },
    publishedDaysAgo: 3,
  },
  {
    author: 'ngo.manchester@crossings.example',
    original: 'en',
    texts: {
      en: {
        title: 'Community WhatsApp groups as an early-warning network after an attack',
        summary:
          'Faith leaders, youth workers and the council share verified information in WhatsApp groups within hours of an attack, and answer rumours before they spread.',
        challenge:
          'After the 2017 arena attack, rumours and online hate spread faster than any official statement.',
        approach:
          'A civil-society coordinator runs one WhatsApp group per community with imams, youth workers and council liaison officers. Members post what they see; the coordinator checks it with the police and posts verified updates and **counter-speech** messages.',
        resources:
          'One part-time coordinator, the trust of community leaders, a direct line to the police press office.',
        outcomes:
          'Rumours were answered within two hours on average; reported hate incidents fell after the first week.',
        evaluation:
          'A university team evaluated the network independently in 2020 (interviews and message analysis).',
        lessonsWorked: 'Speed and trusted messengers matter more than polished messages.',
        lessonsDidNot: 'Groups above 250 members became noisy; split them early.',
        transferability:
          'Works where community leaders already trust one civil-society organisation.',
      },
    },
    themes: ['online-hate', 'community-resilience'],
    targetGroups: ['communities', 'online-communities'],
    cities: ['Manchester'],
    scale: 'city',
    period: ['2017-06', null],
    evidence: 'evaluated-independently',
    evaluationUrl: 'https://example.org/manchester-whatsapp-evaluation',
    visibility: 'public',
    exchange: E1,
    session: 'Counter-speech with community partners',
    quote: {
      speaker: 'ngo.manchester@crossings.example',
      words: 'the community WhatsApp groups were our early-warning system',
    },
    publishedDaysAgo: 6,
  },
  {
    author: 'official.aarhus@crossings.example',
    original: 'en',
    texts: {
      en: {
        title: 'Mentors independent of the police in an exit programme',
        summary:
          'Returnees and young people leaving extremist groups are matched with a trained mentor who works for the municipality, not for the police.',
        challenge: 'Families would not talk to anyone they saw as part of the security services.',
        approach:
          'The **exit programme** pairs each person with a mentor trained in life-skills coaching. Mentors meet weekly, help with housing, work and education, and only share information with the police under strict rules.',
        resources: 'Eight trained mentors, a coordinator, access to housing and job services.',
        outcomes:
          'Most participants stayed in the programme for over a year; few returned to extremist circles.',
        evaluation: 'Independent evaluation by a Danish university (2019).',
        lessonsWorked:
          'The separation from the police is the whole point: it is what builds trust.',
        lessonsDidNot: 'Mentors without supervision burned out; regular supervision was added.',
        transferability: 'Needs a legal basis for information sharing and a municipal mentor pool.',
      },
      de: {
        title: 'Mentorinnen und Mentoren unabhängig von der Polizei in einem Ausstiegsprogramm',
        summary:
          'Rückkehrende und junge Menschen, die extremistische Gruppen verlassen, bekommen eine geschulte Mentorin oder einen Mentor der Kommune, nicht der Polizei.',
        challenge: 'Familien sprachen mit niemandem, den sie den Sicherheitsbehörden zurechneten.',
        approach:
          'Das **Ausstiegsprogramm** stellt jeder Person eine in Lebenskompetenz-Coaching geschulte Begleitung zur Seite. Die Treffen sind wöchentlich; Informationen gehen nur nach strengen Regeln an die Polizei.',
        resources:
          'Acht geschulte Mentorinnen und Mentoren, eine Koordination, Zugang zu Wohnungs- und Arbeitsvermittlung.',
        outcomes:
          'Die meisten blieben über ein Jahr im Programm; nur wenige kehrten in extremistische Kreise zurück.',
        evaluation: 'Unabhängige Evaluation durch eine dänische Universität (2019).',
        lessonsWorked: 'Die Trennung von der Polizei ist der Kern: Sie schafft Vertrauen.',
        lessonsDidNot:
          'Ohne Supervision brannten Mentorinnen und Mentoren aus; Supervision wurde eingeführt.',
        transferability:
          'Braucht eine Rechtsgrundlage für den Informationsaustausch und einen kommunalen Mentorenpool.',
      },
    },
    themes: ['returning-foreign-fighters', 'national-local-coordination'],
    targetGroups: ['returnees', 'families', 'youth'],
    cities: ['Aarhus'],
    scale: 'city',
    period: ['2013-01', null],
    evidence: 'evaluated-independently',
    evaluationUrl: 'https://example.org/aarhus-model-evaluation',
    visibility: 'network',
    exchange: E2,
    session: 'Aarhus exit programme visit',
    quote: {
      speaker: 'ngo.aarhus@crossings.example',
      words: 'Mentors are independent of the police here; that separation is the whole point.',
    },
    publishedDaysAgo: 9,
  },
  {
    author: 'official.antwerp@crossings.example',
    original: 'fr',
    texts: {
      fr: {
        title: 'Accompagner les familles de revenants avec un protocole local',
        summary:
          'Anvers suit les familles de personnes parties en Syrie avec un protocole qui relie services sociaux, écoles et police locale.',
        challenge: 'Les familles restaient seules face à la honte, aux médias et aux enquêtes.',
        approach:
          'Une cellule locale réunit chaque mois les services concernés en **réunion de concertation**. Une personne de référence par famille coordonne le soutien psychosocial et scolaire des enfants.',
        resources: 'Une cellule de quatre personnes, des partenaires en santé mentale.',
        outcomes:
          'Toutes les familles suivies ont gardé un contact régulier avec la personne de référence.',
        lessonsWorked:
          'Une seule personne de référence par famille évite de raconter dix fois la même histoire.',
        lessonsDidNot:
          'Le partage d’informations avec le niveau fédéral a longtemps bloqué faute de cadre clair.',
        transferability: 'Demande un cadre de partage d’informations et un engagement des écoles.',
      },
      en: {
        title: 'A local protocol for supporting the families of returnees',
        summary:
          'Antwerp supports the families of people who left for Syria with a protocol linking social services, schools and local police.',
        challenge: 'Families were left alone with shame, the media and investigations.',
        approach:
          'A local unit brings the services together monthly in a **case conference**. One contact person per family coordinates psychosocial support and the children’s schooling.',
        resources: 'A unit of four people, mental-health partners.',
        outcomes: 'Every family followed kept regular contact with its contact person.',
        lessonsWorked:
          'One contact person per family spares them telling the same story ten times.',
        lessonsDidNot:
          'Information sharing with the federal level stalled for long without a clear framework.',
        transferability: 'Needs an information-sharing framework and committed schools.',
      },
    },
    themes: ['returning-foreign-fighters', 'mental-health'],
    targetGroups: ['families', 'returnees', 'schools'],
    cities: ['Antwerp'],
    scale: 'city',
    period: ['2014-05', null],
    evidence: 'monitored',
    visibility: 'network',
    exchange: E2,
    session: 'Case conferences: who sits at the table',
    publishedDaysAgo: 12,
  },
  {
    author: 'social.lyon@crossings.example',
    original: 'fr',
    texts: {
      fr: {
        title: 'Médiateurs de rue contre l’emprise en ligne',
        summary:
          'Des éducateurs de prévention spécialisée vont à la rencontre des jeunes repérés comme exposés à la propagande en ligne, dans la rue et sur les réseaux sociaux.',
        challenge:
          'Des jeunes du quartier suivaient des comptes de recrutement sans que personne ne s’en aperçoive.',
        approach:
          'Les éducateurs pratiquent le **travail de rue** et une présence en ligne déclarée. Ils proposent des ateliers d’esprit critique et orientent vers un suivi individuel.',
        outcomes: 'Une quarantaine de jeunes accompagnés chaque année.',
        lessonsWorked: 'La présence en ligne sous leur vrai nom a renforcé la confiance.',
        lessonsDidNot:
          'Les ateliers en classe entière intéressaient peu les jeunes les plus exposés.',
        transferability:
          'Nécessite une équipe de prévention spécialisée formée aux usages numériques.',
      },
    },
    themes: ['youth-engagement', 'online-hate'],
    targetGroups: ['youth', 'online-communities'],
    cities: ['Lyon'],
    scale: 'neighbourhood',
    period: ['2018-01', null],
    evidence: 'monitored',
    visibility: 'network',
    publishedDaysAgo: 15,
  },
  {
    author: 'mayor.lyon@crossings.example',
    original: 'fr',
    texts: {
      fr: {
        title: 'Protéger les élus locaux face aux menaces',
        summary:
          'Lyon a mis en place une cellule qui accompagne les élus et agents menacés, en ligne comme dans la rue.',
        challenge:
          'Les menaces contre les élus municipaux se sont multipliées pendant les débats sur les vaccins et l’accueil des réfugiés.',
        approach:
          'Une cellule juridique et un référent police aident à documenter les menaces, à porter plainte et à sécuriser les permanences.',
        outcomes: 'Les élus signalent désormais systématiquement les menaces.',
        lessonsWorked: 'Un guichet unique, joignable le soir, fait la différence.',
        lessonsDidNot: 'Les formations facultatives étaient peu suivies.',
        transferability: 'Facile à reproduire avec un service juridique municipal.',
      },
    },
    themes: ['polarization', 'far-right-violent-extremism'],
    targetGroups: ['frontline-staff'],
    cities: ['Lyon'],
    scale: 'city',
    period: ['2021-02', null],
    evidence: 'none-yet',
    visibility: 'network',
    exchange: E3,
    session: 'Threats against local officials',
    publishedDaysAgo: 20,
  },
  {
    author: 'police.munich@crossings.example',
    original: 'de',
    texts: {
      de: {
        title: 'Früherkennung von Rechtsextremismus an Schulen',
        summary:
          'Münchner Schulen und die Polizei schulen Lehrkräfte darin, Anzeichen von Radikalisierung früh zu erkennen und an eine Fachstelle zu verweisen.',
        challenge:
          'Lehrkräfte bemerkten rechtsextreme Symbole und Sprüche, wussten aber nicht, an wen sie sich wenden sollten.',
        approach:
          'Eintägige **Fortbildungen** für Lehrkräfte, eine Hotline zur Fachstelle und gemeinsame Fallberatungen mit der Schulsozialarbeit.',
        resources: 'Zwei Trainerinnen, eine Fachstelle mit Beratungstelefon.',
        outcomes: 'Die Zahl der Meldungen an die Fachstelle stieg im ersten Jahr deutlich.',
        evaluation: 'Interne Auswertung der Meldungen und Befragung der Lehrkräfte.',
        lessonsWorked: 'Konkrete Fallbeispiele aus der eigenen Stadt überzeugen.',
        lessonsDidNot: 'Polizeiuniformen in der Fortbildung schreckten manche Lehrkräfte ab.',
        transferability: 'Braucht eine unabhängige Fachstelle als Anlaufpunkt.',
      },
      en: {
        title: 'Early detection of far-right extremism in schools',
        summary:
          'Munich schools and the police train teachers to spot early signs of radicalisation and refer to a specialist service.',
        challenge: 'Teachers saw far-right symbols and slogans but did not know whom to call.',
        approach:
          'One-day **training** for teachers, a hotline to the specialist service and joint case discussions with school social work.',
        resources: 'Two trainers, a specialist service with a helpline.',
        outcomes: 'Referrals to the specialist service rose markedly in the first year.',
        evaluation: 'Internal analysis of referrals and a teacher survey.',
        lessonsWorked: 'Real cases from our own city convince.',
        lessonsDidNot: 'Police uniforms at the training put some teachers off.',
        transferability: 'Needs an independent specialist service as the point of contact.',
      },
    },
    themes: ['far-right-violent-extremism', 'youth-engagement'],
    targetGroups: ['schools', 'youth', 'frontline-staff'],
    cities: ['Munich'],
    scale: 'city',
    period: ['2020-09', null],
    evidence: 'evaluated-internally',
    visibility: 'network',
    publishedDaysAgo: 24,
  },
  {
    author: 'research.munich@crossings.example',
    original: 'de',
    texts: {
      de: {
        title: 'Monitoring von Hassvorfällen mit zivilgesellschaftlichen Meldestellen',
        summary:
          'Eine kommunale Meldestelle sammelt Hassvorfälle, die nicht angezeigt werden, und veröffentlicht halbjährlich ein Lagebild.',
        challenge: 'Viele Betroffene zeigen Vorfälle nicht an; die Stadt kannte das Ausmaß nicht.',
        approach:
          'Zivilgesellschaftliche Organisationen nehmen Meldungen online und persönlich entgegen. Die Stadt wertet sie anonymisiert aus.',
        outcomes: 'Erstmals ein Lagebild für alle Stadtteile; Maßnahmen gezielt in zwei Vierteln.',
        evaluation: 'Unabhängige Begleitforschung durch eine Hochschule.',
        lessonsWorked: 'Mehrsprachige Meldewege erreichen mehr Betroffene.',
        lessonsDidNot: 'Die erste Online-Maske war zu lang.',
        transferability: 'Braucht Vertrauen der Communities in die Meldestellen.',
      },
    },
    themes: ['online-hate', 'community-resilience'],
    targetGroups: ['victims', 'communities'],
    cities: ['Munich'],
    scale: 'city',
    period: ['2019-03', null],
    evidence: 'evaluated-independently',
    visibility: 'network',
    publishedDaysAgo: 30,
  },
  {
    author: 'official.strasbourg@crossings.example',
    original: 'fr',
    texts: {
      fr: {
        title: 'Coopération transfrontalière contre les réseaux d’extrême droite',
        summary:
          'Strasbourg et des villes allemandes voisines échangent des informations sur les rassemblements d’extrême droite de part et d’autre du Rhin.',
        challenge: 'Les groupes se coordonnent par-delà la frontière, les administrations non.',
        approach:
          'Un groupe de travail franco-allemand se réunit chaque trimestre et partage une veille commune.',
        lessonsWorked: 'Des interlocuteurs fixes des deux côtés.',
        lessonsDidNot: 'Les différences de droit sur les données ont ralenti la veille.',
        transferability: 'Adapté aux villes frontalières.',
      },
    },
    themes: ['far-right-violent-extremism', 'national-local-coordination'],
    targetGroups: ['frontline-staff'],
    cities: ['Strasbourg'],
    scale: 'region',
    period: ['2022-01', null],
    evidence: 'none-yet',
    visibility: 'network',
    publishedDaysAgo: 33,
  },
  {
    author: 'youth.rotterdam@crossings.example',
    original: 'nl',
    texts: {
      nl: {
        title: 'Jongerenwerkers online: aanwezig op TikTok en in gamechats',
        summary:
          'Rotterdamse jongerenwerkers zijn onder eigen naam actief op de platforms waar jongeren haat en complotdenken tegenkomen.',
        challenge: 'Jongeren zagen haatberichten eerder dan welke monitoring ook.',
        approach:
          'Jongerenwerkers volgen openbare kanalen, reageren met **tegenspraak** en nodigen jongeren uit voor gesprekken in het jongerencentrum.',
        outcomes: 'Meer jongeren melden zelf wat ze online zien.',
        lessonsWorked: 'Een bekend gezicht online opent deuren offline.',
        lessonsDidNot: 'Reageren op elke provocatie kostte te veel tijd.',
        transferability: 'Vraagt scholing in digitale geletterdheid voor jongerenwerkers.',
      },
    },
    themes: ['youth-engagement', 'online-hate'],
    targetGroups: ['youth', 'online-communities'],
    cities: ['Rotterdam'],
    scale: 'city',
    period: ['2020-01', null],
    evidence: 'monitored',
    visibility: 'network',
    exchange: E1,
    publishedDaysAgo: 37,
  },
  {
    author: 'official.antwerp@crossings.example',
    original: 'nl',
    texts: {
      nl: {
        title: 'Casusoverleg radicalisering tussen gemeente, politie en welzijn',
        summary:
          'In Antwerpen bespreken gemeente, politie en welzijnsorganisaties zorgwekkende situaties in een lokaal casusoverleg met duidelijke afspraken over privacy.',
        challenge: 'Signalen bleven hangen bij afzonderlijke diensten.',
        approach: 'Maandelijks casusoverleg met een vast protocol en een gedeelde risicotaxatie.',
        outcomes: 'Snellere doorverwijzing naar hulpverlening.',
        lessonsWorked: 'Een onafhankelijke voorzitter houdt het overleg zorggericht.',
        lessonsDidNot: 'Te veel deelnemers maakten het overleg traag.',
        transferability: 'Kan met een wettelijk kader voor gedeeld beroepsgeheim.',
      },
    },
    themes: ['national-local-coordination', 'mental-health'],
    targetGroups: ['frontline-staff', 'youth'],
    cities: ['Antwerp'],
    scale: 'city',
    period: ['2016-03', null],
    evidence: 'evaluated-internally',
    visibility: 'network',
    publishedDaysAgo: 41,
  },
  {
    author: 'practitioner.denver@crossings.example',
    original: 'en',
    texts: {
      en: {
        title: 'Off-ramps for young men drawn into militia spaces online',
        summary:
          'Denver outreach workers contact young men active in militia chat groups and offer mentoring, job help and mental-health support.',
        challenge: 'Isolated young men found belonging in armed militia chats during the pandemic.',
        approach:
          'Trained outreach workers, some of them former members, reach out through gaming and chat platforms and meet in person when trust allows.',
        resources: 'Three outreach workers, a mental-health partner, a small employment fund.',
        outcomes: 'Dozens of young men engaged; several left militia groups.',
        lessonsWorked: 'Former members are credible messengers.',
        lessonsDidNot: 'Referrals to clinical services too early made people drop out.',
        transferability: 'Needs credible messengers and flexible funding.',
      },
    },
    themes: ['far-right-violent-extremism', 'youth-engagement', 'mental-health'],
    targetGroups: ['youth', 'online-communities'],
    cities: ['Denver'],
    scale: 'city',
    period: ['2021-04', null],
    evidence: 'monitored',
    visibility: 'network',
    exchange: E3,
    publishedDaysAgo: 45,
  },
  {
    author: 'official.minneapolis@crossings.example',
    original: 'en',
    texts: {
      en: {
        title: 'Building trust between Somali families and city services',
        summary:
          'Minneapolis works with Somali community organisations so that families seek help from city services, not from federal agencies they distrust.',
        challenge:
          'Families feared that any contact about a radicalising child would lead to prosecution.',
        approach:
          'Community navigators employed by Somali organisations connect families with city mental-health and youth services.',
        outcomes: 'More families asked for help early.',
        lessonsWorked: 'Navigators from the community, paid fairly.',
        lessonsDidNot:
          'Branding the programme as counter-extremism destroyed trust; it was renamed.',
        transferability: 'Needs long-term funding for community organisations.',
      },
    },
    themes: ['community-resilience', 'national-local-coordination'],
    targetGroups: ['families', 'communities'],
    cities: ['Minneapolis'],
    scale: 'city',
    period: ['2016-01', null],
    evidence: 'evaluated-internally',
    visibility: 'network',
    exchange: E2,
    publishedDaysAgo: 50,
  },
  {
    author: 'social.boston@crossings.example',
    original: 'en',
    texts: {
      en: {
        title: 'Restorative circles after hate incidents in schools',
        summary:
          'Boston schools answer hate incidents with restorative circles that bring together the students involved, their families and a trained facilitator.',
        challenge:
          'Suspensions after hate incidents did not change attitudes and often deepened grievances.',
        approach:
          'Trained facilitators run **restorative justice** circles within a week of an incident.',
        outcomes: 'Fewer repeat incidents in participating schools.',
        evaluation: 'An independent evaluation compared participating schools with others.',
        lessonsWorked: 'Involving families early.',
        lessonsDidNot: 'Circles held too late lost their point.',
        transferability: 'Needs trained facilitators in each school district.',
      },
    },
    themes: ['youth-engagement', 'polarization'],
    targetGroups: ['schools', 'youth', 'victims'],
    cities: ['Boston'],
    scale: 'city',
    period: ['2018-09', null],
    evidence: 'evaluated-independently',
    evaluationUrl: 'https://example.org/boston-restorative-circles',
    visibility: 'network',
    publishedDaysAgo: 55,
  },
  {
    author: 'official.atlanta@crossings.example',
    original: 'en',
    texts: {
      en: {
        title: 'A rumour-control line during the first 72 hours',
        summary:
          'After an attack, Atlanta opens a rumour-control line and a public page that answers the most shared claims within hours.',
        challenge:
          'In 2021 rumours in local Facebook groups fuelled hate against Asian-American residents.',
        approach:
          'The city’s **crisis communication** team answers the top rumours every few hours, in several languages, with community partners.',
        outcomes:
          'Partners reshared the answers widely; fewer false claims were repeated by local media.',
        lessonsWorked: 'Answering in the languages of the targeted communities.',
        lessonsDidNot: 'Official language was too stiff for social media.',
        transferability: 'Easy to prepare in advance as part of crisis plans.',
      },
    },
    themes: ['online-hate', 'community-resilience'],
    targetGroups: ['general-public', 'victims'],
    cities: ['Atlanta'],
    scale: 'city',
    period: ['2021-03', '2022-12'],
    evidence: 'monitored',
    visibility: 'network',
    exchange: E1,
    session: 'Mapping the first 72 hours',
    publishedDaysAgo: 60,
  },
  {
    author: 'official.la@crossings.example',
    original: 'en',
    texts: {
      en: {
        title: 'Reporting hate without the police: a county hotline',
        summary:
          'Los Angeles County runs a multilingual hotline where residents report hate incidents and get support, whether or not they go to the police.',
        challenge:
          'Many victims would not go to the police, so incidents went unrecorded and unsupported.',
        approach:
          'A **helpline** staffed by trained case managers links callers to legal, mental-health and community support.',
        outcomes: 'Thousands of reports a year; a public data dashboard.',
        lessonsWorked: 'Being separate from law enforcement.',
        lessonsDidNot: 'Low awareness at first: outreach through community radio helped.',
        transferability:
          'Scales from a city to a county with case managers and partner organisations.',
      },
    },
    themes: ['online-hate', 'community-resilience'],
    targetGroups: ['victims', 'general-public'],
    cities: ['Los Angeles'],
    scale: 'region',
    period: ['2019-01', null],
    evidence: 'evaluated-internally',
    visibility: 'network',
    publishedDaysAgo: 70,
  },
  {
    author: 'ngo.aarhus@crossings.example',
    original: 'en',
    texts: {
      en: {
        title: 'Supporting the children of returnees at school',
        summary:
          'Aarhus prepares schools to welcome children coming back from conflict zones, with trauma-informed teachers and a family contact person.',
        challenge: 'Children returned with trauma and were stigmatised by classmates and parents.',
        approach:
          'Trauma-informed training for the receiving school, a family contact person and discreet psychosocial support.',
        lessonsWorked: 'Discretion: very few people at the school know the child’s story.',
        lessonsDidNot: 'Press attention around one case undid months of work.',
        transferability: 'Needs a trusted child psychologist and a head teacher willing to lead.',
      },
    },
    themes: ['returning-foreign-fighters', 'mental-health'],
    targetGroups: ['schools', 'families', 'returnees'],
    cities: ['Aarhus'],
    scale: 'city',
    period: ['2019-06', null],
    evidence: 'none-yet',
    visibility: 'exchange',
    exchange: E2,
    session: 'Supporting children of returnees',
    publishedDaysAgo: 75,
  },
];

/** The entry in review: a reviewer has commented, and a quote waits for its speaker's yes. */
export const DEMO_PRACTICE_IN_REVIEW: DemoPractice & {
  reviewer: string;
  comments: Array<{ field: string; language: string | null; body: string }>;
  pendingQuote: { speaker: string; words: string };
} = {
  author: 'teacher.manchester@crossings.example',
  original: 'en',
  texts: {
    en: {
      title: 'Media literacy lessons after a local attack',
      summary:
        'A Manchester school used the days after an attack to teach students how rumours spread online.',
      challenge: 'Students shared graphic videos and false claims in class chats.',
      approach: 'Teachers ran three **media literacy** lessons with real posts from the week.',
      lessonsWorked: 'Using real, local examples.',
      lessonsDidNot: 'One lesson was not enough.',
      transferability: 'Any secondary school can adapt the lesson plans.',
    },
  },
  themes: ['online-hate', 'youth-engagement'],
  targetGroups: ['schools', 'youth'],
  cities: ['Manchester'],
  scale: 'neighbourhood',
  period: ['2017-06', '2017-07'],
  evidence: 'none-yet',
  visibility: 'network',
  exchange: E1,
  publishedDaysAgo: 0,
  reviewer: 'research.munich@crossings.example',
  comments: [
    {
      field: 'outcomes',
      language: 'en',
      body: 'What changed afterwards? Even a teacher’s observation helps.',
    },
    {
      field: 'evidenceLevel',
      language: null,
      body: 'If you kept the students’ feedback forms, this could be “monitored”.',
    },
  ],
  pendingQuote: {
    speaker: 'youth.rotterdam@crossings.example',
    words:
      'Our young people see the hate first, on TikTok, long before any monitoring picks it up.',
  },
};

interface SeedIds {
  cityIds: Map<string, string>;
  personIds: Map<string, string>;
}

/** Writes a search row for a published snapshot (the practice library's own index writer). */
export type IndexWriter = (
  snapshot: PracticeSnapshot,
  facts: {
    practiceId: string;
    slug: string;
    publishedAt: Date;
    countries: string[];
    regions: string[];
  },
  manager: EntityManager,
) => Promise<void>;

export async function seedDemoPractices(
  manager: EntityManager,
  { cityIds, personIds }: SeedIds,
  index: IndexWriter,
): Promise<void> {
  const coordinatorId = personIds.get('coordinator@crossings.example')!;
  const person = (email: string) => {
    const id = personIds.get(email);
    if (!id) throw new Error(`demo practices: unknown person ${email}`);
    return id;
  };
  const exchangeId = async (title: string | undefined) => {
    if (!title) return null;
    const [row] = (await manager.query('SELECT id FROM exchanges WHERE title = $1', [
      title,
    ])) as Array<{ id: string }>;
    return row?.id ?? null;
  };
  const sessionId = async (exchange: string | null, title: string | undefined) => {
    if (!exchange || !title) return null;
    const [row] = (await manager.query(
      'SELECT id FROM sessions WHERE exchange_id = $1 AND title = $2',
      [exchange, title],
    )) as Array<{
      id: string;
    }>;
    return row?.id ?? null;
  };
  const messageId = async (exchange: string | null, speaker: string, words: string) => {
    if (!exchange) return null;
    const [row] = (await manager.query(
      `SELECT m.id FROM messages m JOIN rooms r ON r.id = m.room_id
        WHERE r.exchange_id = $1 AND m.author_id = $2 AND position($3 in m.body) > 0`,
      [exchange, person(speaker), words],
    )) as Array<{ id: string }>;
    return row?.id ?? null;
  };

  const insert = async (entry: DemoPractice, status: string) => {
    const authorId = person(entry.author);
    const xId = await exchangeId(entry.exchange);
    const [row] = (await manager.query(
      `INSERT INTO practices (status, author_id, exchange_id, visibility, original_language, target_groups, scale,
         period_start, period_end, evidence_level, evaluation_url, contact_name, contact_organisation, contact_email,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
               now() - make_interval(days => $15 + 10), now() - make_interval(days => $15))
       RETURNING id`,
      [
        status,
        authorId,
        xId,
        entry.visibility,
        entry.original,
        entry.targetGroups,
        entry.scale,
        entry.period[0],
        entry.period[1],
        entry.evidence,
        entry.evaluationUrl ?? null,
        entry.contact?.name ?? '',
        entry.contact?.organisation ?? '',
        entry.contact?.email ?? '',
        entry.publishedDaysAgo,
      ],
    )) as [{ id: string }];
    const id = row.id;
    for (const [language, texts] of Object.entries(entry.texts)) {
      await manager.query(
        `INSERT INTO practice_texts (practice_id, language, title, summary, challenge, approach, resources, outcomes,
           evaluation, lessons_worked, lessons_did_not, transferability)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          id,
          language,
          texts.title,
          texts.summary,
          texts.challenge ?? '',
          texts.approach ?? '',
          texts.resources ?? '',
          texts.outcomes ?? '',
          texts.evaluation ?? '',
          texts.lessonsWorked ?? '',
          texts.lessonsDidNot ?? '',
          texts.transferability ?? '',
        ],
      );
    }
    await manager.query(
      `INSERT INTO practice_themes (practice_id, theme_id) SELECT $1, id FROM themes WHERE slug = ANY($2)`,
      [id, entry.themes],
    );
    for (const city of entry.cities)
      await manager.query(`INSERT INTO practice_cities (practice_id, city_id) VALUES ($1, $2)`, [
        id,
        cityIds.get(city),
      ]);
    const sources: Array<{ kind: 'exchange' | 'session' | 'message'; id: string }> = [];
    if (xId) sources.push({ kind: 'exchange', id: xId });
    const sId = await sessionId(xId, entry.session);
    if (sId) sources.push({ kind: 'session', id: sId });
    for (const source of sources)
      await manager.query(
        `INSERT INTO practice_sources (practice_id, kind, source_id, added_by_id) VALUES ($1, $2, $3, $4)`,
        [id, source.kind, source.id, authorId],
      );
    const quoteIds: string[] = [];
    const addQuote = async (speaker: string, words: string, status: 'accepted' | 'pending') => {
      const mId = await messageId(xId, speaker, words);
      if (!mId) return;
      const [chatham] = (await manager.query(
        `SELECT attribution = 'chatham-house' AS ch FROM exchanges WHERE id = $1`,
        [xId],
      )) as [{ ch: boolean }];
      const [quote] = (await manager.query(
        `INSERT INTO practice_quotes (practice_id, source_kind, source_id, person_id, text, exchange_id, chatham_house,
           status, requested_by_id, decided_at)
         VALUES ($1, 'message', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          id,
          mId,
          person(speaker),
          words,
          xId,
          chatham.ch,
          status,
          authorId,
          status === 'accepted' ? new Date() : null,
        ],
      )) as [{ id: string }];
      await manager.query(
        `INSERT INTO practice_sources (practice_id, kind, source_id, added_by_id) VALUES ($1, 'message', $2, $3)
         ON CONFLICT DO NOTHING`,
        [id, mId, authorId],
      );
      sources.push({ kind: 'message', id: mId });
      quoteIds.push(quote.id);
      return quote.id;
    };
    if (entry.quote) await addQuote(entry.quote.speaker, entry.quote.words, 'accepted');
    return { id, authorId, xId, sources, quoteIds, addQuote };
  };

  for (const entry of DEMO_PRACTICES) {
    const { id, authorId, xId, sources, quoteIds } = await insert(entry, 'published');
    const reviewerId = person('research.minneapolis@crossings.example');
    const publishedAt = new Date(Date.now() - entry.publishedDaysAgo * 86_400_000);
    const slug = slugOf(entry.texts[entry.original]!.title);
    const order = (k: string) => ['exchange', 'session', 'thread', 'post', 'message'].indexOf(k);
    const snapshot: PracticeSnapshot = {
      originalLanguage: entry.original,
      texts: Object.fromEntries(
        [
          entry.original,
          ...Object.keys(entry.texts)
            .filter((l) => l !== entry.original)
            .sort(),
        ].map((l) => [l, fullTexts(entry.texts[l]!)]),
      ),
      targetGroups: [...entry.targetGroups].sort(),
      themes: [...entry.themes].sort(),
      cityIds: entry.cities.map((c) => cityIds.get(c)!).sort(),
      scale: entry.scale,
      periodStart: entry.period[0],
      periodEnd: entry.period[1],
      evidenceLevel: entry.evidence,
      evaluationUrl: entry.evaluationUrl ?? null,
      contact: entry.contact ?? { name: '', organisation: '', email: '' },
      visibility: entry.visibility,
      exchangeId: xId,
      sources: [...sources].sort(
        (a, b) => order(a.kind) - order(b.kind) || a.id.localeCompare(b.id),
      ),
      quoteIds: [...quoteIds].sort(),
    };
    await manager.query(
      `INSERT INTO practice_versions (practice_id, version, snapshot, published_by_id, published_at) VALUES ($1, 1, $2, $3, $4)`,
      [id, JSON.stringify(snapshot), coordinatorId, publishedAt],
    );
    await manager.query(
      `UPDATE practices SET slug = $2, current_version = 1, published_visibility = visibility,
              published_exchange_id = exchange_id, first_published_at = $3, last_published_at = $3
        WHERE id = $1`,
      [id, slug, publishedAt],
    );
    await manager.query(
      `INSERT INTO practice_reviewers (practice_id, reviewer_id, assigned_by_id, decision, decision_revision, decided_at)
       VALUES ($1, $2, $3, 'approved', 1, $4)`,
      [id, reviewerId, coordinatorId, publishedAt],
    );
    await audit(manager, id, [
      [authorId, 'create', null, 'draft'],
      [authorId, 'submit', 'draft', 'in-review'],
      [coordinatorId, 'assign-reviewer', 'in-review', 'in-review'],
      [reviewerId, 'approve', 'in-review', 'in-review'],
      [coordinatorId, 'publish', 'in-review', 'published'],
    ]);
    const cities = (await manager.query(
      'SELECT country_code, region FROM cities WHERE id = ANY($1)',
      [snapshot.cityIds],
    )) as Array<{
      country_code: string;
      region: string;
    }>;
    await index(
      snapshot,
      {
        practiceId: id,
        slug,
        publishedAt,
        countries: [...new Set(cities.map((c) => c.country_code))].sort(),
        regions: [...new Set(cities.map((c) => c.region))].sort(),
      },
      manager,
    );
  }

  const review = DEMO_PRACTICE_IN_REVIEW;
  const { id, authorId, addQuote } = await insert(review, 'in-review');
  const reviewerId = person(review.reviewer);
  await manager.query(
    `INSERT INTO practice_reviewers (practice_id, reviewer_id, assigned_by_id) VALUES ($1, $2, $3)`,
    [id, reviewerId, coordinatorId],
  );
  for (const comment of review.comments)
    await manager.query(
      `INSERT INTO practice_comments (practice_id, author_id, revision, field, language, body) VALUES ($1, $2, 1, $3, $4, $5)`,
      [id, reviewerId, comment.field, comment.language, comment.body],
    );
  const quoteId = await addQuote(review.pendingQuote.speaker, review.pendingQuote.words, 'pending');
  await audit(manager, id, [
    [authorId, 'create', null, 'draft'],
    [authorId, 'quote', 'draft', 'draft'],
    [authorId, 'submit', 'draft', 'in-review'],
    [coordinatorId, 'assign-reviewer', 'in-review', 'in-review'],
  ]);
  const title = review.texts.en!.title;
  await manager.query(
    `INSERT INTO notifications (recipient_id, kind, text, data) VALUES ($1, 'practice-review-assigned', $2, $3),
       ($4, 'practice-quote-requested', $5, $6)`,
    [
      reviewerId,
      `You were asked to review "${title}".`,
      JSON.stringify({ practiceId: id, practiceTitle: title }),
      person(review.pendingQuote.speaker),
      `Owen Clarke would like to quote your words in the practice "${title}". Say yes or no.`,
      JSON.stringify({
        practiceId: id,
        practiceTitle: title,
        quoteId,
        requesterName: 'Owen Clarke',
      }),
    ],
  );
}

async function audit(
  manager: EntityManager,
  practiceId: string,
  steps: Array<[actor: string, action: string, from: string | null, to: string]>,
): Promise<void> {
  let minutes = steps.length * 60;
  for (const [actor, action, from, to] of steps) {
    await manager.query(
      `INSERT INTO practice_events (practice_id, actor_id, action, from_status, to_status, created_at)
       VALUES ($1, $2, $3, $4, $5, (SELECT created_at FROM practices WHERE id = $1) + make_interval(mins => $6))`,
      [practiceId, actor, action, from, to, steps.length * 60 - minutes],
    );
    minutes -= 60;
  }
}

function fullTexts(texts: Texts): PracticeTexts {
  return {
    title: texts.title,
    summary: texts.summary,
    challenge: texts.challenge ?? '',
    approach: texts.approach ?? '',
    resources: texts.resources ?? '',
    outcomes: texts.outcomes ?? '',
    evaluation: texts.evaluation ?? '',
    lessonsWorked: texts.lessonsWorked ?? '',
    lessonsDidNot: texts.lessonsDidNot ?? '',
    transferability: texts.transferability ?? '',
  };
}

function slugOf(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The demo entry that carries an evaluation report (public: anyone may download it). */
export const DEMO_REPORT = {
  evaluationUrl: 'https://example.org/manchester-whatsapp-evaluation',
  name: 'Evaluation report 2020 - community WhatsApp groups.pdf',
};

/** A one-page evaluation report, made with the compendium's PDF library. */
export function demoEvaluationReport(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'Evaluation report' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text('Community WhatsApp groups as an early-warning network');
    doc.moveDown().fontSize(12).text('Independent evaluation, 2020 (demo document).');
    doc
      .moveDown()
      .text(
        'Interviews with 24 group administrators and an analysis of 1,900 messages found that ' +
          'verified information reached community members within two hours of an incident, and ' +
          'that rumours were answered before they spread beyond one group.',
      );
    doc.end();
  });
}

/**
 * Attaches the evaluation report to its demo entry the way an author does: uploaded through the
 * files library (checked and stored like any upload), attached in a transaction, and listed in
 * the published version. Runs after the demo network is committed.
 */
export async function attachDemoReport(dataSource: DataSource, files: FilesService): Promise<void> {
  const [entry] = (await dataSource.query(
    'SELECT id, author_id FROM practices WHERE evaluation_url = $1 AND current_version = 1',
    [DEMO_REPORT.evaluationUrl],
  )) as Array<{ id: string; author_id: string }>;
  if (!entry) throw new Error('demo practices: the entry for the evaluation report is missing');
  const author = { id: entry.author_id, networkRole: 'member' as const };
  const boundary = 'crossings-demo-report';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${DEMO_REPORT.name}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    await demoEvaluationReport(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const file = await files.upload(author, {
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(body.length),
    },
    // Whole from the start (an HTTP request says so once its last byte arrived).
    body: Object.assign(Readable.from([body]), { complete: true }),
    closeAfterAnswer: () => undefined,
  });
  await dataSource.transaction(async (manager) => {
    await files.attach(manager, [file.id], documentsOf(entry.id), author);
    await manager.query(
      `UPDATE practice_versions SET snapshot = jsonb_set(snapshot, '{attachmentIds}', $2::jsonb)
        WHERE practice_id = $1 AND version = 1`,
      [entry.id, JSON.stringify([file.id])],
    );
  });
}
