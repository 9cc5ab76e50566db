/** What a mail says about a shop: its details as on its page, with hours and directions. */
export type TShopMailView = {
  id: string;
  name: string;
  /** The registered name for the receipt ('' when the shop gave none). */
  legalName: string;
  vatId: string;
  addressLines: string[];
  email: string;
  phone: string;
  timezone: string;
  weeklyHours: { day: string; hours: string }[];
  /** "Today 09:00–17:30" in the shop's zone, exceptions included. */
  todayHours: string;
  directionsUrl: string;
  mapUrl: string;
  pageUrl: string;
};

/** What a mail says about an order. Money in minor units of `currency`. */
export type TOrderMailView = {
  id: string;
  number: string;
  currency: string;
  totalMinor: number;
  lines: { label: string; amountMinor: number }[];
  /** "12 pages · A4 · black & white · one-sided · 2 copies". */
  jobSummary: string;
  files: string[];
  paidAt: Date | null;
  customerName: string;
  pageUrl: string;
};

/** An alert as its mail shows it, times in the shop's zone. */
export type TAlertMailView = { title: string; action: string; raisedAt: string; clearedAt: string | null };
