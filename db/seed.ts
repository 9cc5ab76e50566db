import { eq } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { randomUUID } from 'node:crypto';
import { db } from '@/db/client';
import { accounts, shopFinishingPrices, shopHours, shopPrices, shops, users, type TUserRole } from '@/db/schema';
import { seedAdminPassword } from '@/lib/config/env';
import { addPrinter } from '@/lib/printers/add-printer';
import { intervalFromClocks } from '@/lib/shops/opening-hours';
import { DEMO_ACCOUNTS, DEMO_CITY, DEMO_PASSWORD, DEMO_SHOPS, demoShopOwnerEmail, HOURS_TEMPLATES, type TDemoShop } from './seed-data';

type TSeedOptions = {
  adminEmail?: string;
  adminPassword?: string;
  /** Running demo printers to connect to their shops, asked for their capabilities over IPP. */
  printers?: { shopName: string; printerName: string; uri: string }[];
};

async function createUser(input: { email: string; name: string; password: string; role: TUserRole }): Promise<string> {
  const id = randomUUID();
  await db.insert(users).values({ id, email: input.email, name: input.name, role: input.role, emailVerified: true });
  // better-auth's credential account: provider "credential", account id = user id, scrypt hash.
  await db.insert(accounts).values({
    id: randomUUID(),
    accountId: id,
    providerId: 'credential',
    userId: id,
    password: await hashPassword(input.password),
  });
  return id;
}

export type TEnsureAdminResult = 'created' | 'promoted' | 'already_admin' | 'refused_unverified';

/**
 * The first admin (ADMIN_EMAIL). A new account is created with ADMIN_PASSWORD (the demo
 * password only outside production). An existing account is promoted only if its email is
 * verified: anyone can sign up with the admin's address before the seed runs, and must not
 * become an admin by it.
 */
export async function ensureAdminAccount(options: { email: string; password?: string }): Promise<TEnsureAdminResult> {
  const [existing] = await db.select({ id: users.id, role: users.role, emailVerified: users.emailVerified }).from(users).where(eq(users.email, options.email.toLowerCase()));
  if (!existing) {
    await createUser({ ...DEMO_ACCOUNTS.admin, email: options.email.toLowerCase(), password: seedAdminPassword(options.password), role: 'admin' });
    return 'created';
  }
  if (existing.role === 'admin') return 'already_admin';
  if (!existing.emailVerified) return 'refused_unverified';
  await db.update(users).set({ role: 'admin' }).where(eq(users.id, existing.id));
  return 'promoted';
}

/** The shop's price list, derived from its A4 prices the way copy shops usually scale them. */
export function demoPriceList(shop: TDemoShop) {
  const rows: { media: string; colorMode: 'monochrome' | 'color'; sides: 'one-sided' | 'two-sided'; pricePerPageMinor: number }[] = [];
  const sizes: [string, number][] = [
    ['iso_a4_210x297mm', 1],
    ['iso_a3_297x420mm', 2],
    ['iso_a5_148x210mm', 0.9],
  ];
  if (shop.hasLetter) sizes.push(['na_letter_8.5x11in', 1], ['na_legal_8.5x14in', 1.2]);
  for (const [media, factor] of sizes) {
    rows.push(
      { media, colorMode: 'monochrome', sides: 'one-sided', pricePerPageMinor: Math.round(shop.a4Mono * factor) },
      { media, colorMode: 'monochrome', sides: 'two-sided', pricePerPageMinor: Math.round(shop.a4Mono * factor * 0.8) },
      { media, colorMode: 'color', sides: 'one-sided', pricePerPageMinor: Math.round(shop.a4Color * factor) },
      { media, colorMode: 'color', sides: 'two-sided', pricePerPageMinor: Math.round(shop.a4Color * factor * 0.9) },
    );
  }
  return rows;
}

const FINISHING_PRICE = { staple: { priceMinor: 30, isManual: false }, punch: { priceMinor: 20, isManual: false }, bind: { priceMinor: 350, isManual: true } };

/**
 * Demo accounts for each role and thirty approved shops, once: a database that already has
 * the demo customer is left alone, so restarts keep whatever people changed.
 */
export async function seedDatabase(options: TSeedOptions = {}): Promise<{ seeded: boolean }> {
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.customer.email));
  if (existing.length > 0) return { seeded: false };

  const admin = await ensureAdminAccount({ email: options.adminEmail ?? DEMO_ACCOUNTS.admin.email, password: options.adminPassword });
  if (admin === 'refused_unverified') console.warn(`[seed] ${options.adminEmail ?? DEMO_ACCOUNTS.admin.email} belongs to an account whose email is not verified: it was NOT made an admin.`);

  await createUser({ ...DEMO_ACCOUNTS.customer, password: DEMO_PASSWORD.customer, role: 'customer' });
  const demoOwnerId = await createUser({ ...DEMO_ACCOUNTS.owner, password: DEMO_PASSWORD.owner, role: 'shop_owner' });

  for (const [index, demo] of DEMO_SHOPS.entries()) {
    const ownerId = demo.isDemoOwner ? demoOwnerId : await createUser({ email: demoShopOwnerEmail(demo.name), name: `${demo.name} owner`, password: DEMO_PASSWORD.owner, role: 'shop_owner' });
    const [shop] = await db
      .insert(shops)
      .values({
        ownerId,
        name: demo.name,
        description: demo.description,
        phone: `+353 1 ${670 + index} ${String(1000 + index * 277).slice(-4)}`,
        email: demoShopOwnerEmail(demo.name),
        legalName: demo.legalName ?? '',
        vatId: demo.vatId ?? '',
        addressLine: demo.address,
        city: DEMO_CITY.name,
        postcode: demo.postcode,
        country: DEMO_CITY.country,
        lat: demo.lat,
        lng: demo.lng,
        timezone: DEMO_CITY.timezone,
        status: 'active',
        jobFeeMinor: demo.jobFee,
        minimumChargeMinor: demo.minimum,
      })
      .returning({ id: shops.id });
    await db.insert(shopHours).values(HOURS_TEMPLATES[demo.hours].map(([weekday, opens, closes]) => ({ shopId: shop.id, weekday, ...intervalFromClocks(opens, closes) })));
    await db.insert(shopPrices).values(demoPriceList(demo).map((row) => ({ shopId: shop.id, ...row })));
    await db.insert(shopFinishingPrices).values(demo.finishing.map((finishing) => ({ shopId: shop.id, finishing, ...FINISHING_PRICE[finishing] })));
    for (const printer of options.printers?.filter((p) => p.shopName === demo.name) ?? []) {
      await addPrinter({ shopId: shop.id, ownerId, request: { name: printer.printerName, uri: printer.uri } });
    }
  }
  return { seeded: true };
}

/**
 *   tsx db/seed.ts [--printers FILE]
 * FILE: a JSON list of running printers ({ shopName, printerName, uri }) to connect to their
 * demo shops; the scale stack (dev/stack/scale) seeds this way, in a process of its own.
 */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFile } = await import('node:fs/promises');
  const { parseArgs } = await import('node:util');
  const { closeDb } = await import('@/db/client');
  const { env } = await import('@/lib/config/env');
  const { values: args } = parseArgs({ options: { printers: { type: 'string' } } });
  const printers = args.printers ? (JSON.parse(await readFile(args.printers, 'utf8')) as TSeedOptions['printers']) : undefined;
  const result = await seedDatabase({ adminEmail: env().ADMIN_EMAIL, adminPassword: env().ADMIN_PASSWORD, printers });
  console.log(result.seeded ? 'Demo data seeded.' : 'Demo data already present; nothing to do.');
  await closeDb();
}
