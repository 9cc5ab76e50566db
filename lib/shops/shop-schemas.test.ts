import { describe, expect, it } from 'vitest';
import { parsePriceListForm, parseWeeklyHoursForm, ZHoursExceptionRequest, ZShopProfileRequest } from './shop-schemas';

const profile = {
  name: 'Liffey Print Hub',
  addressLine: '12 Aston Quay',
  city: 'Dublin',
  country: 'ie',
  lat: '53.3467',
  lng: '-6.2593',
  timezone: 'Europe/Dublin',
};

describe('ZShopProfileRequest', () => {
  it('accepts a real shop and normalises it', () => {
    const parsed = ZShopProfileRequest.parse(profile);
    expect(parsed).toMatchObject({ country: 'IE', lat: 53.3467, lng: -6.2593, email: '' });
    expect(ZShopProfileRequest.parse({ ...profile, email: ' hello@liffeyprint.ie ' }).email).toBe('hello@liffeyprint.ie');
  });

  it('takes an optional legal name and VAT number for receipts', () => {
    expect(ZShopProfileRequest.parse(profile)).toMatchObject({ legalName: '', vatId: '' });
    expect(ZShopProfileRequest.parse({ ...profile, legalName: ' Liffey Print Services Ltd ', vatId: ' ie1234567t ' })).toMatchObject({ legalName: 'Liffey Print Services Ltd', vatId: 'IE1234567T' });
  });

  it.each([
    [{ lat: '200' }, 'lat', /between -90 and 90/],
    [{ lng: '-181' }, 'lng', /between -180 and 180/],
    [{ lat: 'north' }, 'lat', /must be a number/],
    [{ lat: '' }, 'lat', /Set the shop's latitude/],
    [{ timezone: 'Mars/Olympus' }, 'timezone', /time zone/],
    [{ country: 'Ireland' }, 'country', /two-letter/],
    [{ email: 'print at liffey' }, 'email', /email address/],
    [{ vatId: 'IE123<script>' }, 'vatId', /only letters, digits/],
    [{ vatId: 'IE'.repeat(20) }, 'vatId', /too long/],
  ])('refuses %j with a message on %s', (override, field, message) => {
    const result = ZShopProfileRequest.safeParse({ ...profile, ...override });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toMatch(message);
  });
});

describe('parseWeeklyHoursForm', () => {
  it('reads rows, skips empty ones and understands after-midnight closing', () => {
    const result = parseWeeklyHoursForm({
      'rows.0.weekday': '1',
      'rows.0.opens': '09:00',
      'rows.0.closes': '17:30',
      'rows.1.weekday': '5',
      'rows.1.opens': '18:00',
      'rows.1.closes': '02:00',
      'rows.1.overnight': 'on',
      'rows.2.weekday': '3',
      'rows.2.opens': '',
      'rows.2.closes': '',
    });
    expect(result).toEqual({
      ok: true,
      value: [
        { weekday: 1, opensMinute: 540, closesMinute: 1050 },
        { weekday: 5, opensMinute: 1080, closesMinute: 1560 },
      ],
    });
  });

  it('refuses a close before the open without the after-midnight tick', () => {
    const result = parseWeeklyHoursForm({ 'rows.0.weekday': '1', 'rows.0.opens': '17:00', 'rows.0.closes': '09:00' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors['rows.0.closes'][0]).toMatch(/before opening time/);
  });

  it('refuses overlapping rows and garbage times', () => {
    const result = parseWeeklyHoursForm({
      'rows.0.weekday': '2',
      'rows.0.opens': '09:00',
      'rows.0.closes': '13:00',
      'rows.1.weekday': '2',
      'rows.1.opens': '12:00',
      'rows.1.closes': '18:00',
      'rows.2.weekday': '4',
      'rows.2.opens': 'nine',
      'rows.2.closes': '18:00',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors['rows.1.closes'][0]).toMatch(/Overlaps Tuesday/);
      expect(result.fieldErrors['rows.2.opens'][0]).toMatch(/opening time/);
    }
  });
});

describe('ZHoursExceptionRequest', () => {
  it('reads a closed day and a short day', () => {
    expect(ZHoursExceptionRequest.parse({ date: '2026-12-25', isClosed: 'on', note: 'Christmas' })).toEqual({ date: '2026-12-25', opensMinute: null, closesMinute: null, note: 'Christmas' });
    expect(ZHoursExceptionRequest.parse({ date: '2026-12-24', opens: '09:00', closes: '13:00' })).toMatchObject({ opensMinute: 540, closesMinute: 780 });
  });

  it('refuses a bad date and an inverted short day', () => {
    expect(ZHoursExceptionRequest.safeParse({ date: '2026-02-30', isClosed: 'on' }).success).toBe(false);
    const inverted = ZHoursExceptionRequest.safeParse({ date: '2026-12-24', opens: '13:00', closes: '09:00' });
    expect(inverted.error?.issues[0]).toMatchObject({ path: ['closes'] });
  });
});

describe('parsePriceListForm', () => {
  it('reads prices in euro into cents, blank meaning not offered', () => {
    const result = parsePriceListForm(
      {
        'price.iso_a4_210x297mm.monochrome.one-sided': '0.10',
        'price.iso_a4_210x297mm.color.one-sided': '0,45',
        'price.iso_a3_297x420mm.color.two-sided': '',
        jobFee: '0.50',
        minimumCharge: '1.50',
        'finishing.bind': '3.50',
        'finishing.bind.manual': 'on',
      },
      'eur',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        prices: [
          { media: 'iso_a4_210x297mm', colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: 10 },
          { media: 'iso_a4_210x297mm', colorMode: 'color', sides: 'one-sided', pricePerPageMinor: 45 },
        ],
        jobFeeMinor: 50,
        minimumChargeMinor: 150,
        finishing: [{ finishing: 'bind', priceMinor: 350, isManual: true }],
      },
    });
  });

  it('reads US paper sizes, whose names contain a dot', () => {
    const result = parsePriceListForm({ 'price.na_letter_8.5x11in.monochrome.one-sided': '0.12', 'price.na_legal_8.5x14in.color.two-sided': '0.60' }, 'eur');
    expect(result.ok && result.value.prices).toEqual([
      { media: 'na_letter_8.5x11in', colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: 12 },
      { media: 'na_legal_8.5x14in', colorMode: 'color', sides: 'two-sided', pricePerPageMinor: 60 },
    ]);
  });

  it('gives field errors for negative, non-numeric, absurd prices and unknown paper', () => {
    const result = parsePriceListForm(
      {
        'price.iso_a4_210x297mm.monochrome.one-sided': '-0.10',
        'price.iso_a4_210x297mm.color.one-sided': 'cheap',
        'price.iso_a3_297x420mm.color.one-sided': '1000000',
        'price.iso_b0_1000x1414mm.color.one-sided': '1.00',
        jobFee: '0.001',
      },
      'eur',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors['price.iso_a4_210x297mm.monochrome.one-sided'][0]).toMatch(/negative/);
      expect(result.fieldErrors['price.iso_a4_210x297mm.color.one-sided'][0]).toMatch(/like 0.10/);
      expect(result.fieldErrors['price.iso_a3_297x420mm.color.one-sided'][0]).toMatch(/more than the most/);
      expect(result.fieldErrors['price.iso_b0_1000x1414mm.color.one-sided'][0]).toMatch(/Unknown paper/);
      expect(result.fieldErrors.jobFee[0]).toMatch(/decimal/);
    }
  });
});
