/** Starting points shown under the "Describe a new app" box; each is a realistic first request. */
export const exampleRequests = [
  { title: 'Support tickets', request: 'A tracker for our support tickets with priorities' },
  { title: 'Dental bookings', request: "A booking tool for our dental clinic's appointments" },
  { title: 'Equipment loans', request: 'An inventory of the team’s laptops and who has borrowed them' },
  { title: 'Hiring pipeline', request: 'A board to follow job candidates through our interview stages' },
] as const;
