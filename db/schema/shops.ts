import { sql } from 'drizzle-orm';
import { boolean, customType, date, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

/** PostGIS geography point; written only through the generated column below. */
const geographyPoint = customType<{ data: string; driverData: string }>({
  dataType: () => 'geography(Point,4326)',
});

export const shopStatus = pgEnum('shop_status', ['pending_review', 'active', 'suspended']);
export type TShopStatus = (typeof shopStatus.enumValues)[number];

export const shops = pgTable(
  'shops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    phone: text('phone').notNull().default(''),
    /** Public contact address shown on the shop's page; '' when the owner gives none. */
    email: text('email').notNull().default(''),
    /** The registered business name printed on receipts ('' → the shop's name), for VAT invoices. */
    legalName: text('legal_name').notNull().default(''),
    /** The shop's VAT registration number printed on receipts; '' when it has none. */
    vatId: text('vat_id').notNull().default(''),
    addressLine: text('address_line').notNull(),
    city: text('city').notNull(),
    postcode: text('postcode').notNull().default(''),
    country: text('country').notNull(),
    /** WGS84 degrees; the geography column is derived from these so they can never disagree. */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    location: geographyPoint('location')
      .notNull()
      .generatedAlwaysAs(sql`(ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography)`),
    /** IANA zone, e.g. Europe/Dublin: opening hours are wall-clock times in this zone. */
    timezone: text('timezone').notNull(),
    status: shopStatus('status').notNull().default('pending_review'),
    /**
     * When the owner sent the shop to an admin's review (lib/shops/submit-shop-for-review.ts),
     * which needs a price for every paper size and colour its printers can do. A
     * `pending_review` shop without it is still being set up: not approvable yet.
     */
    submittedForReviewAt: timestamp('submitted_for_review_at', { withTimezone: true }),
    /** Why an admin suspended the shop; shown to the owner. */
    statusReason: text('status_reason'),
    /** Jobs are accepted without the owner's click when true. */
    autoAccept: boolean('auto_accept').notNull().default(true),
    /** Per-job fee in minor units of the deployment currency. */
    jobFeeMinor: integer('job_fee_minor').notNull().default(0),
    /** The least a job costs before platform fee, in minor units. */
    minimumChargeMinor: integer('minimum_charge_minor').notNull().default(0),
    // Searchable capabilities, derived from the shop's enabled, online printers
    // (see lib/shops/refresh-shop-capabilities.ts); never edited by hand.
    capColor: boolean('cap_color').notNull().default(false),
    capDuplex: boolean('cap_duplex').notNull().default(false),
    capMedia: text('cap_media')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    capFinishings: text('cap_finishings')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Sum of pages per minute over online printers; 0 means nothing can print now. */
    capPagesPerMinute: integer('cap_pages_per_minute').notNull().default(0),
    stripeAccountId: text('stripe_account_id').unique(),
    stripeChargesEnabled: boolean('stripe_charges_enabled').notNull().default(false),
    stripePayoutsEnabled: boolean('stripe_payouts_enabled').notNull().default(false),
    stripeDetailsSubmitted: boolean('stripe_details_submitted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('shops_location_gist').using('gist', t.location),
    index('shops_cap_media_gin').using('gin', t.capMedia),
    index('shops_owner_idx').on(t.ownerId),
    index('shops_status_idx').on(t.status),
    // Place search (lib/search/search-shop-places.ts) matches what customers type against the
    // names, streets and postcodes of the shops they can see, misspellings included: trigram
    // GIN indexes (pg_trgm, migration 0015), partial so they hold only active shops.
    index('shops_name_trgm')
      .using('gin', t.name.op('gin_trgm_ops'))
      .where(sql`${t.status} = 'active'`),
    index('shops_address_line_trgm')
      .using('gin', t.addressLine.op('gin_trgm_ops'))
      .where(sql`${t.status} = 'active'`),
    index('shops_postcode_trgm')
      .using('gin', sql`(replace(${t.postcode}, ' ', '')) gin_trgm_ops`)
      .where(sql`${t.status} = 'active'`),
  ],
);

/**
 * Weekly opening intervals. Minutes after local midnight; `closesMinute` may exceed 1440
 * for an interval that runs past midnight into the next day (e.g. 18:00–02:00 = 1080–1560).
 */
export const shopHours = pgTable(
  'shop_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: smallint('weekday').notNull(),
    opensMinute: smallint('opens_minute').notNull(),
    closesMinute: smallint('closes_minute').notNull(),
  },
  (t) => [index('shop_hours_shop_idx').on(t.shopId, t.weekday)],
);

/** Dated exceptions (holidays, short days) that replace the weekly hours for that local date. */
export const shopHourExceptions = pgTable(
  'shop_hour_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    /** Null when closed all day. */
    opensMinute: smallint('opens_minute'),
    closesMinute: smallint('closes_minute'),
    note: text('note').notNull().default(''),
  },
  (t) => [uniqueIndex('shop_hour_exceptions_shop_date').on(t.shopId, t.date)],
);

export const priceColorMode = pgEnum('price_color_mode', ['monochrome', 'color']);
export const priceSides = pgEnum('price_sides', ['one-sided', 'two-sided']);

/** Price per printed side (impression) for one media × colour × sides combination. */
export const shopPrices = pgTable(
  'shop_prices',
  {
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    media: text('media').notNull(),
    colorMode: priceColorMode('color_mode').notNull(),
    sides: priceSides('sides').notNull(),
    /** Minor units per impression. */
    pricePerPageMinor: integer('price_per_page_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.media, t.colorMode, t.sides] })],
);

export const finishingKind = pgEnum('finishing_kind', ['staple', 'punch', 'bind']);

/**
 * Finishing the shop sells, priced per finished copy. `isManual` finishing is done at the
 * counter (binding usually is), so it does not need a printer that reports it.
 */
export const shopFinishingPrices = pgTable(
  'shop_finishing_prices',
  {
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    finishing: finishingKind('finishing').notNull(),
    priceMinor: integer('price_minor').notNull(),
    isManual: boolean('is_manual').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.finishing] })],
);

export type TShop = typeof shops.$inferSelect;
export type TNewShop = typeof shops.$inferInsert;
export type TShopHours = typeof shopHours.$inferSelect;
export type TShopHourException = typeof shopHourExceptions.$inferSelect;
export type TShopPrice = typeof shopPrices.$inferSelect;
export type TShopFinishingPrice = typeof shopFinishingPrices.$inferSelect;

export const shopReviewDecision = pgEnum('shop_review_decision', ['approved', 'changes_requested', 'rejected']);
export type TShopReviewDecision = (typeof shopReviewDecision.enumValues)[number];

/**
 * Each admin decision on a submitted shop, with the reason the owner reads on their
 * dashboard. Its own table rather than the audit log: the owner sees this history, while the
 * audit log is the admins' record (each decision is audited too). Append-only.
 */
export const shopReviews = pgTable(
  'shop_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    adminId: text('admin_id')
      .notNull()
      .references(() => users.id),
    decision: shopReviewDecision('decision').notNull(),
    /** Shown to the owner; required unless approved. */
    reason: text('reason').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shop_reviews_shop_idx').on(t.shopId, t.createdAt)],
);

export type TShopReview = typeof shopReviews.$inferSelect;
