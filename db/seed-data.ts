/**
 * Demo data: thirty print shops around Dublin city centre, with opening hours and price
 * lists that look like the real trade (cents, EUR). Coordinates are on the named streets.
 */
export const DEMO_CITY = { name: 'Dublin', country: 'IE', timezone: 'Europe/Dublin', lat: 53.3498, lng: -6.2603 };

export const DEMO_PASSWORD = {
  admin: 'nearprint-admin',
  owner: 'nearprint-owner',
  customer: 'nearprint-customer',
};

export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@nearprint.local', name: 'Ada Admin' },
  owner: { email: 'owner@nearprint.local', name: 'Orla Owner' },
  customer: { email: 'customer@nearprint.local', name: 'Cian Customer' },
};

/** Hours as [weekday 1=Mon…7=Sun, "HH:MM", "HH:MM"]; a close before the open runs past midnight. */
export type TDemoHours = [number, string, string][];

const weekdays = (open: string, close: string): TDemoHours => [1, 2, 3, 4, 5].map((d) => [d, open, close]);

export const HOURS_TEMPLATES: Record<string, TDemoHours> = {
  office: [...weekdays('09:00', '17:30'), [6, '10:00', '14:00']],
  retail: [...weekdays('08:30', '18:30'), [6, '09:30', '17:00'], [7, '12:00', '17:00']],
  late: [...weekdays('08:00', '22:00'), [6, '09:00', '22:00'], [7, '10:00', '20:00']],
  student: [...weekdays('08:00', '20:00'), [6, '10:00', '16:00']],
  nightowl: [...weekdays('10:00', '18:00'), [5, '18:00', '02:00'], [6, '12:00', '02:00']],
  lunchbreak: [1, 2, 3, 4, 5].flatMap((d): TDemoHours => [[d, '09:00', '13:00'], [d, '14:00', '18:00']]),
};

export type TDemoShop = {
  name: string;
  address: string;
  postcode: string;
  lat: number;
  lng: number;
  hours: keyof typeof HOURS_TEMPLATES;
  /** A4 mono one-sided price per page in cents; the rest of the price list is scaled from it. */
  a4Mono: number;
  a4Color: number;
  jobFee: number;
  minimum: number;
  finishing: ('staple' | 'punch' | 'bind')[];
  hasLetter?: boolean;
  /** Owned by the demo owner account. */
  isDemoOwner?: boolean;
  description: string;
};

export const DEMO_SHOPS: TDemoShop[] = [
  { name: 'Liffey Print Hub', address: '12 Aston Quay', postcode: 'D02 F652', lat: 53.3467, lng: -6.2593, hours: 'late', a4Mono: 10, a4Color: 45, jobFee: 50, minimum: 150, finishing: ['staple', 'punch', 'bind'], isDemoOwner: true, description: 'Quayside copy shop with fast colour lasers and same-hour binding.' },
  { name: 'Grafton Copy Centre', address: '48 Grafton Street', postcode: 'D02 XK66', lat: 53.3413, lng: -6.2602, hours: 'retail', a4Mono: 12, a4Color: 55, jobFee: 0, minimum: 200, finishing: ['staple', 'bind'], isDemoOwner: true, description: 'Walk-in printing off Grafton Street; CVs and posters while you wait.' },
  { name: 'Trinity Reprographics', address: '3 Pearse Street', postcode: 'D02 VR66', lat: 53.3443, lng: -6.2537, hours: 'student', a4Mono: 6, a4Color: 35, jobFee: 0, minimum: 50, finishing: ['staple', 'punch', 'bind'], description: 'Student printing by the campus gate: theses, notes and thesis binding.' },
  { name: 'Temple Bar Printworks', address: '22 Fleet Street', postcode: 'D02 T292', lat: 53.3459, lng: -6.2614, hours: 'nightowl', a4Mono: 15, a4Color: 70, jobFee: 100, minimum: 300, finishing: ['staple'], description: 'Art prints, flyers and late-night gig posters.' },
  { name: "O'Connell Street Copy Shop", address: '71 O\u2019Connell Street Upper', postcode: 'D01 K0F1', lat: 53.3524, lng: -6.2610, hours: 'retail', a4Mono: 9, a4Color: 40, jobFee: 0, minimum: 100, finishing: ['staple', 'punch'], description: 'Photocopying, scanning and printing on the main street.' },
  { name: 'Smithfield Digital Print', address: '5 Smithfield Square', postcode: 'D07 Y2K4', lat: 53.3487, lng: -6.2780, hours: 'office', a4Mono: 11, a4Color: 42, jobFee: 75, minimum: 250, finishing: ['staple', 'bind'], description: 'Business printing, reports and presentations.' },
  { name: 'Rathmines Print & Post', address: '210 Rathmines Road Lower', postcode: 'D06 F3X2', lat: 53.3245, lng: -6.2652, hours: 'retail', a4Mono: 10, a4Color: 50, jobFee: 0, minimum: 100, finishing: ['staple'], description: 'Neighbourhood printing and parcel drop-off.' },
  { name: 'Ranelagh Imaging', address: '34 Ranelagh', postcode: 'D06 E8P4', lat: 53.3262, lng: -6.2554, hours: 'office', a4Mono: 14, a4Color: 65, jobFee: 50, minimum: 200, finishing: ['staple', 'punch', 'bind'], description: 'Photo printing and fine-art reproduction.' },
  { name: 'Docklands Document Centre', address: '1 Grand Canal Square', postcode: 'D02 P820', lat: 53.3394, lng: -6.2376, hours: 'office', a4Mono: 13, a4Color: 60, jobFee: 100, minimum: 300, finishing: ['staple', 'punch', 'bind'], hasLetter: true, description: 'Corporate print room for the Docklands: US Letter on request.' },
  { name: 'Stoneybatter Press', address: '45 Manor Street', postcode: 'D07 HW27', lat: 53.3538, lng: -6.2812, hours: 'lunchbreak', a4Mono: 8, a4Color: 38, jobFee: 0, minimum: 80, finishing: ['staple'], description: 'Small local press: zines, menus and leaflets.' },
  { name: 'Phibsborough Print Point', address: '380 North Circular Road', postcode: 'D07 NX73', lat: 53.3598, lng: -6.2725, hours: 'student', a4Mono: 7, a4Color: 36, jobFee: 0, minimum: 60, finishing: ['staple', 'punch'], description: 'Next to TU Dublin Grangegorman: cheap student printing.' },
  { name: 'Drumcondra Copy Stop', address: '15 Drumcondra Road Lower', postcode: 'D09 W6Y4', lat: 53.3631, lng: -6.2590, hours: 'retail', a4Mono: 9, a4Color: 44, jobFee: 0, minimum: 100, finishing: ['staple'], description: 'Copies, laminating and exam notes near DCU St Patrick\u2019s.' },
  { name: 'Camden Street Print Co.', address: '60 Camden Street Lower', postcode: 'D02 NX62', lat: 53.3355, lng: -6.2650, hours: 'late', a4Mono: 11, a4Color: 48, jobFee: 50, minimum: 150, finishing: ['staple', 'bind'], description: 'Open late on Camden Street.' },
  { name: 'Baggot Street Business Print', address: '101 Baggot Street Lower', postcode: 'D02 KX25', lat: 53.3360, lng: -6.2470, hours: 'office', a4Mono: 15, a4Color: 68, jobFee: 150, minimum: 400, finishing: ['staple', 'punch', 'bind'], hasLetter: true, description: 'Legal and financial documents, bound and delivered.' },
  { name: 'Capel Street Copies', address: '88 Capel Street', postcode: 'D01 E2F8', lat: 53.3480, lng: -6.2695, hours: 'retail', a4Mono: 8, a4Color: 39, jobFee: 0, minimum: 80, finishing: ['staple'], description: 'Quick copies on Capel Street.' },
  { name: 'Dame Street Digital', address: '29 Dame Street', postcode: 'D02 RX58', lat: 53.3442, lng: -6.2648, hours: 'retail', a4Mono: 12, a4Color: 52, jobFee: 0, minimum: 150, finishing: ['staple', 'punch'], description: 'Digital print and large-format posters.' },
  { name: 'Portobello Printing', address: '7 Richmond Street South', postcode: 'D02 YH29', lat: 53.3318, lng: -6.2645, hours: 'office', a4Mono: 10, a4Color: 46, jobFee: 25, minimum: 120, finishing: ['staple', 'bind'], description: 'Friendly printing by the canal.' },
  { name: 'Heuston Print Express', address: '2 St John\u2019s Road West', postcode: 'D08 E2CY', lat: 53.3462, lng: -6.2939, hours: 'late', a4Mono: 13, a4Color: 58, jobFee: 50, minimum: 200, finishing: ['staple'], description: 'Print before your train at Heuston.' },
  { name: 'Ringsend Copy House', address: '18 Bridge Street', postcode: 'D04 R2K6', lat: 53.3412, lng: -6.2262, hours: 'office', a4Mono: 9, a4Color: 43, jobFee: 0, minimum: 100, finishing: ['staple', 'punch'], description: 'Local copy house in Ringsend.' },
  { name: 'Ballsbridge Print Studio', address: '55 Pembroke Road', postcode: 'D04 X7N3', lat: 53.3312, lng: -6.2380, hours: 'office', a4Mono: 16, a4Color: 75, jobFee: 100, minimum: 350, finishing: ['staple', 'punch', 'bind'], hasLetter: true, description: 'Embassy-quarter studio: presentations and reports.' },
  { name: 'Harold\u2019s Cross Printers', address: '140 Harold\u2019s Cross Road', postcode: 'D6W T2C4', lat: 53.3228, lng: -6.2741, hours: 'retail', a4Mono: 8, a4Color: 37, jobFee: 0, minimum: 80, finishing: ['staple'], description: 'Printing and passport photos.' },
  { name: 'Kilmainham Print Works', address: '9 Emmet Road', postcode: 'D08 K2Y0', lat: 53.3413, lng: -6.3090, hours: 'office', a4Mono: 10, a4Color: 47, jobFee: 30, minimum: 120, finishing: ['staple', 'bind'], description: 'Print works by the Royal Hospital.' },
  { name: 'Clontarf Copy Corner', address: '44 Clontarf Road', postcode: 'D03 W2X7', lat: 53.3627, lng: -6.2178, hours: 'retail', a4Mono: 11, a4Color: 49, jobFee: 0, minimum: 100, finishing: ['staple'], description: 'Seaside copy corner.' },
  { name: 'Fairview Print Shop', address: '3 Fairview Strand', postcode: 'D03 T8F1', lat: 53.3625, lng: -6.2380, hours: 'student', a4Mono: 9, a4Color: 41, jobFee: 0, minimum: 90, finishing: ['staple', 'punch'], description: 'Printing for Fairview and Marino.' },
  { name: 'Inchicore Digital', address: '120 Tyrconnell Road', postcode: 'D08 P5K2', lat: 53.3389, lng: -6.3225, hours: 'office', a4Mono: 8, a4Color: 38, jobFee: 0, minimum: 80, finishing: ['staple'], description: 'West Dublin digital print.' },
  { name: 'Sandymount Print Room', address: '6 Sandymount Green', postcode: 'D04 V6T9', lat: 53.3318, lng: -6.2185, hours: 'office', a4Mono: 14, a4Color: 62, jobFee: 50, minimum: 200, finishing: ['staple', 'bind'], description: 'Village print room by the green.' },
  { name: 'Glasnevin Print Centre', address: '25 Botanic Road', postcode: 'D09 K1P3', lat: 53.3705, lng: -6.2660, hours: 'retail', a4Mono: 10, a4Color: 45, jobFee: 0, minimum: 100, finishing: ['staple', 'punch'], description: 'Across from the Botanic Gardens.' },
  { name: 'Merrion Square Copy Bureau', address: '70 Merrion Square South', postcode: 'D02 RR84', lat: 53.3385, lng: -6.2500, hours: 'office', a4Mono: 17, a4Color: 80, jobFee: 150, minimum: 500, finishing: ['staple', 'punch', 'bind'], hasLetter: true, description: 'Premium bureau for architects and law firms.' },
  { name: 'Christchurch Print Lab', address: '14 Thomas Street', postcode: 'D08 VF83', lat: 53.3430, lng: -6.2780, hours: 'student', a4Mono: 7, a4Color: 34, jobFee: 0, minimum: 60, finishing: ['staple', 'bind'], description: 'NCAD students\u2019 favourite print lab.' },
  { name: 'North Wall Print Depot', address: '33 North Wall Quay', postcode: 'D01 H104', lat: 53.3490, lng: -6.2365, hours: 'late', a4Mono: 12, a4Color: 54, jobFee: 75, minimum: 200, finishing: ['staple', 'punch'], description: 'IFSC print depot with a night shift.' },
];
