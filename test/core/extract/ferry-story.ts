/** Invented text shared by the clean-up rule tests: a short report on a town's new ferry line. */
export const P = (s: string) => `<p>${s}</p>`;
export const body = [
  'The town council approved a new ferry line on Tuesday, linking the old harbour with the island villages across the bay.',
  'Boats will run every forty minutes from April, the council said, and the fare will match the price of a bus ticket.',
  'Fishermen who use the harbour asked for a separate lane for their boats, which the harbour master agreed to mark out.',
  'Tidewater Marine, which builds the two boats, said the first one would arrive for trials at the end of February.',
];
export const text = body.join('\n\n');
