import { canonicalLanguageTag, isBcp47Tag, isIanaTimeZone } from './validators.js';

describe('time zones and languages', () => {
  it.each(['Europe/Amsterdam', 'America/Denver', 'America/Argentina/Buenos_Aires', 'UTC'])(
    'accepts the time zone %s',
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(true);
    },
  );

  it.each(['Mars/Olympus', 'CET+1', '', 'europe amsterdam', 42, null, 'A'.repeat(100)])(
    'refuses the time zone %j',
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(false);
    },
  );

  it.each(['en', 'fr-CA', 'nl-BE', 'zh-Hant-TW', 'de'])('accepts the language tag %s', (tag) => {
    expect(isBcp47Tag(tag)).toBe(true);
  });

  it.each(['', 'not a language', '12', 'e', null, 7])('refuses the language tag %j', (tag) => {
    expect(isBcp47Tag(tag)).toBe(false);
  });

  it('canonicalizes case', () => {
    expect(canonicalLanguageTag('EN-gb')).toBe('en-GB');
  });
});
