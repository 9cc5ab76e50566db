/** The job choices as customers read them, shared by the search form and the order page. */
export const COLOR_CHOICES = [
  ['auto', 'Automatic', 'Colour pages in colour, the rest in black & white'],
  ['color', 'All colour', ''],
  ['monochrome', 'All black & white', ''],
] as const;

export const SIDES_CHOICES = [
  ['one-sided', 'One-sided'],
  ['two-sided-long-edge', 'Two-sided (book)'],
  ['two-sided-short-edge', 'Two-sided (flip up)'],
] as const;
