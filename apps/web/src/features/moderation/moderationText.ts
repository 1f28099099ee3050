// Dates on the moderation page, in the reader's zone and language.
export function dateTimeIn(at: string, language: string, zone: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(at));
}
