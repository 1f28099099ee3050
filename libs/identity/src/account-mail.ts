// The e-mails identity sends (invitations, password resets), in the recipient's language.
import { MAIL_LANGUAGES, type MailLanguage, type NetworkRole } from '#libs/contracts';
import type { MailMessage } from '#libs/mail';

/** The first of `candidates` the platform writes mail in, else English. */
export function mailLanguage(...candidates: Array<string | null | undefined>): MailLanguage {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split('-')[0];
    const found = MAIL_LANGUAGES.find((language) => language === base);
    if (found) return found;
  }
  return 'en';
}

function formatMoment(moment: Date, language: MailLanguage): string {
  const text = new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(moment);
  return `${text} UTC`;
}

interface InvitationFacts {
  to: string;
  inviter: string;
  role: NetworkRole;
  city: string | null;
  link: string;
  expiresAt: Date;
}

const ROLE: Record<MailLanguage, Record<NetworkRole, string>> = {
  en: { member: 'a member', coordinator: 'a coordinator', admin: 'an admin' },
  fr: { member: 'membre', coordinator: 'coordinateur ou coordinatrice', admin: 'administrateur' },
  nl: { member: 'lid', coordinator: 'coördinator', admin: 'beheerder' },
  de: { member: 'Mitglied', coordinator: 'Koordinator:in', admin: 'Administrator:in' },
};

const INVITATION: Record<MailLanguage, (f: InvitationFacts, until: string) => MailMessage> = {
  en: (f, until) => ({
    to: f.to,
    subject: `${f.inviter} invites you to Crossings`,
    text: [
      'Hello,',
      `${f.inviter} invites you to join Crossings, the exchange platform for cities working against violent extremism, hate and polarization, as ${ROLE.en[f.role]}${f.city ? ` for ${f.city}` : ''}.`,
      `Accept the invitation and choose your password here:\n${f.link}`,
      `The link works once, until ${until}. If you did not expect this invitation, you can ignore this message.`,
      '— Crossings',
    ].join('\n\n'),
  }),
  fr: (f, until) => ({
    to: f.to,
    subject: `${f.inviter} vous invite sur Crossings`,
    text: [
      'Bonjour,',
      `${f.inviter} vous invite à rejoindre Crossings, la plateforme d’échange des villes qui agissent contre l’extrémisme violent, la haine et la polarisation, en tant que ${ROLE.fr[f.role]}${f.city ? ` pour ${f.city}` : ''}.`,
      `Acceptez l’invitation et choisissez votre mot de passe ici :\n${f.link}`,
      `Le lien ne sert qu’une fois, jusqu’au ${until}. Si vous n’attendiez pas cette invitation, ignorez ce message.`,
      '— Crossings',
    ].join('\n\n'),
  }),
  nl: (f, until) => ({
    to: f.to,
    subject: `${f.inviter} nodigt u uit voor Crossings`,
    text: [
      'Hallo,',
      `${f.inviter} nodigt u uit om lid te worden van Crossings, het uitwisselingsplatform voor steden die werken tegen gewelddadig extremisme, haat en polarisatie, als ${ROLE.nl[f.role]}${f.city ? ` voor ${f.city}` : ''}.`,
      `Aanvaard de uitnodiging en kies hier uw wachtwoord:\n${f.link}`,
      `De link werkt één keer, tot ${until}. Verwachtte u deze uitnodiging niet, negeer dan dit bericht.`,
      '— Crossings',
    ].join('\n\n'),
  }),
  de: (f, until) => ({
    to: f.to,
    subject: `${f.inviter} lädt Sie zu Crossings ein`,
    text: [
      'Guten Tag,',
      `${f.inviter} lädt Sie ein, Crossings beizutreten, der Austauschplattform für Städte, die gegen gewalttätigen Extremismus, Hass und Polarisierung arbeiten, als ${ROLE.de[f.role]}${f.city ? ` für ${f.city}` : ''}.`,
      `Nehmen Sie die Einladung an und wählen Sie hier Ihr Passwort:\n${f.link}`,
      `Der Link funktioniert einmal, bis ${until}. Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.`,
      '— Crossings',
    ].join('\n\n'),
  }),
};

export function invitationMail(language: MailLanguage, facts: InvitationFacts): MailMessage {
  return INVITATION[language](facts, formatMoment(facts.expiresAt, language));
}

interface ResetFacts {
  to: string;
  name: string;
  link: string;
  minutes: number;
}

const RESET: Record<MailLanguage, (f: ResetFacts) => MailMessage> = {
  en: (f) => ({
    to: f.to,
    subject: 'Choose a new Crossings password',
    text: [
      `Hello ${f.name},`,
      `Someone, hopefully you, asked to choose a new password for your Crossings account. Do it here:\n${f.link}`,
      `The link works once, for ${f.minutes} minutes. A new password signs you out on every device. If you did not ask for this, ignore this message: your password stays as it is.`,
      '— Crossings',
    ].join('\n\n'),
  }),
  fr: (f) => ({
    to: f.to,
    subject: 'Choisissez un nouveau mot de passe Crossings',
    text: [
      `Bonjour ${f.name},`,
      `Quelqu’un, vous sans doute, a demandé à choisir un nouveau mot de passe pour votre compte Crossings. C’est ici :\n${f.link}`,
      `Le lien ne sert qu’une fois, pendant ${f.minutes} minutes. Un nouveau mot de passe vous déconnecte de tous vos appareils. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.`,
      '— Crossings',
    ].join('\n\n'),
  }),
  nl: (f) => ({
    to: f.to,
    subject: 'Kies een nieuw wachtwoord voor Crossings',
    text: [
      `Hallo ${f.name},`,
      `Iemand, hopelijk u, vroeg om een nieuw wachtwoord voor uw Crossings-account. Dat kan hier:\n${f.link}`,
      `De link werkt één keer, gedurende ${f.minutes} minuten. Een nieuw wachtwoord meldt u op al uw apparaten af. Hebt u hier niet om gevraagd, negeer dan dit bericht: uw wachtwoord blijft hetzelfde.`,
      '— Crossings',
    ].join('\n\n'),
  }),
  de: (f) => ({
    to: f.to,
    subject: 'Neues Passwort für Crossings wählen',
    text: [
      `Guten Tag ${f.name},`,
      `Jemand, hoffentlich Sie, hat ein neues Passwort für Ihr Crossings-Konto angefordert. Wählen Sie es hier:\n${f.link}`,
      `Der Link funktioniert einmal, ${f.minutes} Minuten lang. Ein neues Passwort meldet Sie auf allen Geräten ab. Wenn Sie nichts angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.`,
      '— Crossings',
    ].join('\n\n'),
  }),
};

export function passwordResetMail(language: MailLanguage, facts: ResetFacts): MailMessage {
  return RESET[language](facts);
}
