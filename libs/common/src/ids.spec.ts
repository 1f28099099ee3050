import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { normalizeIdParam, normalizeIds } from './ids.js';

const UPPER = '6F1C5A8E-0B1D-4C2E-9F3A-1B2C3D4E5F60';
const LOWER = UPPER.toLowerCase();

class RoomRef {
  @IsUUID()
  roomId: string;
}

class Venue {
  @IsUUID()
  cityId: string;

  @IsString()
  name: string;
}

class Exchange extends RoomRef {
  @IsUUID('all', { each: true })
  cityIds: string[];

  @IsOptional()
  @IsUUID()
  hostId?: string;

  @IsString()
  title: string;

  @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  clientMessageId: string;

  @ValidateNested()
  @Type(() => Venue)
  venue: Venue;
}

function exchange(values: Partial<Exchange>): Exchange {
  return Object.assign(new Exchange(), values);
}

describe('ids: one case for every id from outside', () => {
  it('lowers the fields declared as UUIDs, inherited, listed and nested ones included', () => {
    const venue = Object.assign(new Venue(), { cityId: UPPER, name: UPPER });
    const result = normalizeIds(
      exchange({ roomId: UPPER, cityIds: [UPPER, LOWER], title: UPPER, venue }),
    );
    expect(result).toMatchObject({ roomId: LOWER, cityIds: [LOWER, LOWER] });
    expect(result.venue.cityId).toBe(LOWER);
  });

  it('leaves text alone even when it looks like a UUID', () => {
    const result = normalizeIds(exchange({ title: UPPER, clientMessageId: UPPER }));
    expect(result.title).toBe(UPPER);
    expect(result.clientMessageId).toBe(UPPER);
    expect(result.venue).toBeUndefined();
  });

  it('adds no field that was left out', () => {
    expect(Object.keys(normalizeIds(exchange({ roomId: UPPER })))).toEqual(['roomId']);
  });

  it('passes plain values and plain objects through', () => {
    expect(normalizeIds(undefined)).toBeUndefined();
    expect(normalizeIds({ roomId: UPPER })).toEqual({ roomId: UPPER });
  });

  it('lowers a route parameter only when it is a UUID', () => {
    expect(normalizeIdParam(UPPER)).toBe(LOWER);
    expect(normalizeIdParam('AbCdEfGhIjKlMnOpQrStUv0123456789')).toBe(
      'AbCdEfGhIjKlMnOpQrStUv0123456789',
    );
    expect(normalizeIdParam(`${UPPER}0`)).toBe(`${UPPER}0`);
  });
});

describe('ids: unvalidated input passes through untouched', () => {
  it('survives objects whose own data shadows constructor', () => {
    const input = { constructor: 5, nested: [{ constructor: 'x', roomId: UPPER }] };
    expect(normalizeIds(input)).toEqual({
      constructor: 5,
      nested: [{ constructor: 'x', roomId: UPPER }],
    });
    expect(normalizeIds(Object.create(null))).toEqual({});
  });
});
