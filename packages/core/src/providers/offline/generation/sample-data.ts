/** Sample titles per domain, so a fresh app opens on believable data instead of an empty screen. */
const titles: Record<string, string[]> = {
  support_tickets: [
    'Cannot log in after password reset',
    'Invoice shows the wrong amount',
    'Export button does nothing',
  ],
  bookings: ['Maria Lopez', 'James Carter', 'Aiko Tanaka', 'Priya Shah'],
  inventory: ['USB-C cable 2 m', 'A4 printer paper', 'Nitrile gloves (M)', 'Packing tape'],
  crm: ['Acme Corp', 'Globex', 'Initech', 'Umbrella Health'],
  tasks: ['Draft the Q3 roadmap', 'Fix the onboarding email', 'Prepare the team offsite'],
  expenses: ['Team lunch', 'Train to Berlin', 'Design tool subscription', 'Conference ticket'],
  recruiting: ['Dana Whitfield', 'Omar Haddad', 'Lena Novak', 'Chris Okafor'],
  assets: ['MacBook Pro 14"', 'Epson projector', 'Sony A7 camera', 'Rode microphone'],
  events: ['Spring meetup', 'Customer summit', 'Team offsite'],
  orders: ['Order for Jane Cooper', 'Order for Wade Warren', 'Order for Esther Howard'],
  content: ['Launch announcement', 'How we cut build times in half', 'Customer story: Acme'],
  maintenance: ['Leaking tap in kitchen', 'Broken light in stairwell', 'HVAC filter change'],
  invoices: ['Acme Corp — May', 'Globex — retainer', 'Initech — workshop'],
  habits: ['Morning run', 'Read 20 pages', 'No phone after 10pm'],
  books: ['The Pragmatic Programmer', 'Dune', 'Sapiens'],
  school: ['Ava Johnson', 'Noah Smith', 'Mia Garcia'],
  time_tracking: ['Alex Kim', 'Sam Patel', 'Jordan Lee'],
};

export function sampleTitlesFor(domainId: string, singular: string): string[] {
  const word = singular.charAt(0).toUpperCase() + singular.slice(1);
  return titles[domainId] ?? [`First ${singular}`, `${word} two`, `Another ${singular}`];
}

export const samplePeople = ['Alex Kim', 'Sam Patel', 'Jordan Lee', 'Riley Chen'];
