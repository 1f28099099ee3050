// The compendium's own words in its four languages (the entries bring theirs).
import type {
  EvidenceLevel,
  PracticeScale,
  PracticeTextField,
  Region,
  SearchLanguage,
  TargetGroup,
} from '#libs/contracts';

export interface CompendiumLabels {
  defaultTitle: string;
  subtitle: (count: number, date: string) => string;
  contents: string;
  page: string;
  sections: Record<Exclude<PracticeTextField, 'title'>, string>;
  cities: string;
  scale: string;
  period: string;
  ongoing: string;
  themes: string;
  targetGroups: string;
  evidence: string;
  evaluationLink: string;
  language: string;
  onlyIn: (language: string) => string;
  contact: string;
  provenance: string;
  quotes: string;
  submittedBy: string;
  fromExchange: (title: string) => string;
  fromSession: (title: string) => string;
  chathamHouse: string;
  neutral: (region: Region | null) => string;
  evidenceLevels: Record<EvidenceLevel, string>;
  scales: Record<PracticeScale, string>;
  targetGroupNames: Record<TargetGroup, string>;
  languageNames: Record<string, string>;
  footer: string;
}

const LANGUAGE_NAMES = {
  en: { en: 'English', fr: 'French', nl: 'Dutch', de: 'German' },
  fr: { en: 'anglais', fr: 'français', nl: 'néerlandais', de: 'allemand' },
  nl: { en: 'Engels', fr: 'Frans', nl: 'Nederlands', de: 'Duits' },
  de: { en: 'Englisch', fr: 'Französisch', nl: 'Niederländisch', de: 'Deutsch' },
};

export const COMPENDIUM_LABELS: Record<SearchLanguage, CompendiumLabels> = {
  en: {
    defaultTitle: 'Good practices from cities across the Atlantic',
    subtitle: (n, date) => `${n} ${n === 1 ? 'practice' : 'practices'} · ${date}`,
    contents: 'Contents',
    page: 'Page',
    sections: {
      summary: 'Summary',
      challenge: 'The local challenge',
      approach: 'The approach',
      resources: 'Resources needed',
      outcomes: 'Outcomes',
      evaluation: 'Evaluation',
      lessonsWorked: 'What worked',
      lessonsDidNot: 'What did not work',
      transferability: 'Transferability',
    },
    cities: 'Cities',
    scale: 'Scale',
    period: 'Period',
    ongoing: 'ongoing',
    themes: 'Themes',
    targetGroups: 'Target groups',
    evidence: 'Evidence level',
    evaluationLink: 'Evaluation',
    language: 'Language',
    onlyIn: (l) => `Not translated: shown in ${l}.`,
    contact: 'Contact',
    provenance: 'Where it comes from',
    quotes: 'In their words',
    submittedBy: 'Submitted by',
    fromExchange: (t) => `The exchange “${t}”`,
    fromSession: (t) => `The session “${t}”`,
    chathamHouse: 'An exchange held under the Chatham House rule',
    neutral: (r) =>
      r === 'europe'
        ? 'a participant from a European city'
        : r === 'north-america'
          ? 'a participant from a North American city'
          : 'a participant',
    evidenceLevels: {
      'none-yet': 'No evidence yet',
      monitored: 'Monitored',
      'evaluated-internally': 'Evaluated internally',
      'evaluated-independently': 'Evaluated independently',
    },
    scales: {
      neighbourhood: 'Neighbourhood',
      city: 'City',
      region: 'Region',
      national: 'National',
    },
    targetGroupNames: {
      youth: 'Youth',
      families: 'Families',
      schools: 'Schools',
      'online-communities': 'Online communities',
      'prisons-and-probation': 'Prisons and probation',
      returnees: 'Returnees',
      'frontline-staff': 'Frontline staff',
      communities: 'Communities',
      victims: 'Victims',
      'general-public': 'General public',
    },
    languageNames: LANGUAGE_NAMES.en,
    footer: 'Crossings practice library',
  },
  fr: {
    defaultTitle: 'Bonnes pratiques de villes des deux côtés de l’Atlantique',
    subtitle: (n, date) => `${n} ${n === 1 ? 'pratique' : 'pratiques'} · ${date}`,
    contents: 'Sommaire',
    page: 'Page',
    sections: {
      summary: 'Résumé',
      challenge: 'Le défi local',
      approach: 'L’approche',
      resources: 'Ressources nécessaires',
      outcomes: 'Résultats',
      evaluation: 'Évaluation',
      lessonsWorked: 'Ce qui a fonctionné',
      lessonsDidNot: 'Ce qui n’a pas fonctionné',
      transferability: 'Transférabilité',
    },
    cities: 'Villes',
    scale: 'Échelle',
    period: 'Période',
    ongoing: 'en cours',
    themes: 'Thèmes',
    targetGroups: 'Publics cibles',
    evidence: 'Niveau de preuve',
    evaluationLink: 'Évaluation',
    language: 'Langue',
    onlyIn: (l) => `Non traduite : présentée en ${l}.`,
    contact: 'Contact',
    provenance: 'Origine',
    quotes: 'Dans leurs mots',
    submittedBy: 'Proposée par',
    fromExchange: (t) => `L’échange « ${t} »`,
    fromSession: (t) => `La séance « ${t} »`,
    chathamHouse: 'Un échange tenu sous la règle de Chatham House',
    neutral: (r) =>
      r === 'europe'
        ? 'une personne participante d’une ville européenne'
        : r === 'north-america'
          ? 'une personne participante d’une ville nord-américaine'
          : 'une personne participante',
    evidenceLevels: {
      'none-yet': 'Pas encore de preuves',
      monitored: 'Suivie',
      'evaluated-internally': 'Évaluée en interne',
      'evaluated-independently': 'Évaluée de manière indépendante',
    },
    scales: {
      neighbourhood: 'Quartier',
      city: 'Ville',
      region: 'Région',
      national: 'National',
    },
    targetGroupNames: {
      youth: 'Jeunes',
      families: 'Familles',
      schools: 'Écoles',
      'online-communities': 'Communautés en ligne',
      'prisons-and-probation': 'Prisons et probation',
      returnees: 'Revenants',
      'frontline-staff': 'Professionnels de terrain',
      communities: 'Communautés',
      victims: 'Victimes',
      'general-public': 'Grand public',
    },
    languageNames: LANGUAGE_NAMES.fr,
    footer: 'Bibliothèque de pratiques Crossings',
  },
  nl: {
    defaultTitle: 'Goede praktijken van steden aan beide kanten van de Atlantische Oceaan',
    subtitle: (n, date) => `${n} ${n === 1 ? 'praktijk' : 'praktijken'} · ${date}`,
    contents: 'Inhoud',
    page: 'Pagina',
    sections: {
      summary: 'Samenvatting',
      challenge: 'De lokale uitdaging',
      approach: 'De aanpak',
      resources: 'Benodigde middelen',
      outcomes: 'Resultaten',
      evaluation: 'Evaluatie',
      lessonsWorked: 'Wat werkte',
      lessonsDidNot: 'Wat niet werkte',
      transferability: 'Overdraagbaarheid',
    },
    cities: 'Steden',
    scale: 'Schaal',
    period: 'Periode',
    ongoing: 'lopend',
    themes: 'Thema’s',
    targetGroups: 'Doelgroepen',
    evidence: 'Bewijsniveau',
    evaluationLink: 'Evaluatie',
    language: 'Taal',
    onlyIn: (l) => `Niet vertaald: getoond in het ${l}.`,
    contact: 'Contact',
    provenance: 'Herkomst',
    quotes: 'In hun woorden',
    submittedBy: 'Ingediend door',
    fromExchange: (t) => `De uitwisseling ‘${t}’`,
    fromSession: (t) => `De sessie ‘${t}’`,
    chathamHouse: 'Een uitwisseling onder de Chatham House-regel',
    neutral: (r) =>
      r === 'europe'
        ? 'een deelnemer uit een Europese stad'
        : r === 'north-america'
          ? 'een deelnemer uit een Noord-Amerikaanse stad'
          : 'een deelnemer',
    evidenceLevels: {
      'none-yet': 'Nog geen bewijs',
      monitored: 'Gemonitord',
      'evaluated-internally': 'Intern geëvalueerd',
      'evaluated-independently': 'Onafhankelijk geëvalueerd',
    },
    scales: {
      neighbourhood: 'Wijk',
      city: 'Stad',
      region: 'Regio',
      national: 'Nationaal',
    },
    targetGroupNames: {
      youth: 'Jongeren',
      families: 'Gezinnen',
      schools: 'Scholen',
      'online-communities': 'Online gemeenschappen',
      'prisons-and-probation': 'Gevangenissen en reclassering',
      returnees: 'Terugkeerders',
      'frontline-staff': 'Eerstelijnsprofessionals',
      communities: 'Gemeenschappen',
      victims: 'Slachtoffers',
      'general-public': 'Breed publiek',
    },
    languageNames: LANGUAGE_NAMES.nl,
    footer: 'Crossings-praktijkbibliotheek',
  },
  de: {
    defaultTitle: 'Gute Praxis aus Städten beiderseits des Atlantiks',
    subtitle: (n, date) => `${n} ${n === 1 ? 'Praxisbeispiel' : 'Praxisbeispiele'} · ${date}`,
    contents: 'Inhalt',
    page: 'Seite',
    sections: {
      summary: 'Zusammenfassung',
      challenge: 'Die lokale Herausforderung',
      approach: 'Der Ansatz',
      resources: 'Benötigte Ressourcen',
      outcomes: 'Ergebnisse',
      evaluation: 'Evaluation',
      lessonsWorked: 'Was funktioniert hat',
      lessonsDidNot: 'Was nicht funktioniert hat',
      transferability: 'Übertragbarkeit',
    },
    cities: 'Städte',
    scale: 'Ebene',
    period: 'Zeitraum',
    ongoing: 'laufend',
    themes: 'Themen',
    targetGroups: 'Zielgruppen',
    evidence: 'Evidenzniveau',
    evaluationLink: 'Evaluation',
    language: 'Sprache',
    onlyIn: (l) => `Nicht übersetzt: auf ${l} wiedergegeben.`,
    contact: 'Kontakt',
    provenance: 'Herkunft',
    quotes: 'In ihren Worten',
    submittedBy: 'Eingereicht von',
    fromExchange: (t) => `Der Austausch „${t}“`,
    fromSession: (t) => `Die Sitzung „${t}“`,
    chathamHouse: 'Ein Austausch unter der Chatham-House-Regel',
    neutral: (r) =>
      r === 'europe'
        ? 'eine teilnehmende Person aus einer europäischen Stadt'
        : r === 'north-america'
          ? 'eine teilnehmende Person aus einer nordamerikanischen Stadt'
          : 'eine teilnehmende Person',
    evidenceLevels: {
      'none-yet': 'Noch keine Evidenz',
      monitored: 'Beobachtet (Monitoring)',
      'evaluated-internally': 'Intern evaluiert',
      'evaluated-independently': 'Unabhängig evaluiert',
    },
    scales: {
      neighbourhood: 'Stadtteil',
      city: 'Stadt',
      region: 'Region',
      national: 'National',
    },
    targetGroupNames: {
      youth: 'Jugendliche',
      families: 'Familien',
      schools: 'Schulen',
      'online-communities': 'Online-Communities',
      'prisons-and-probation': 'Strafvollzug und Bewährungshilfe',
      returnees: 'Rückkehrende',
      'frontline-staff': 'Fachkräfte',
      communities: 'Gemeinschaften',
      victims: 'Opfer',
      'general-public': 'Breite Öffentlichkeit',
    },
    languageNames: LANGUAGE_NAMES.de,
    footer: 'Crossings-Praxisbibliothek',
  },
};
