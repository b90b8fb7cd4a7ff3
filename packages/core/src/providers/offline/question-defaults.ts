import type { Blueprint, Entity } from '../../blueprint/blueprint.ts';
import type { NewField } from '../../questioning/decision-change.ts';
import { lemmaPhrase } from '../../text/english.ts';

/*
 * The sensible defaults the offline question writer offers next to the person's own words: generic
 * record shapes for a request that named nothing, fields people usually keep about a person or a
 * thing, and option sets for the choice fields whose name says what they are (condition, priority,
 * size). Never a domain's vocabulary swapped in for what the person said.
 */

const text = (name: string): NewField => ({ name, type: 'text', options: [] });
const typed = (name: string, type: NewField['type'], options: string[] = []): NewField => ({
  name,
  type,
  options,
});

export const defaultRecords: { label: string; name: string; pluralName: string; fields: NewField[] }[] = [
  {
    label: 'Tasks: title, assignee, due date and status',
    name: 'Task',
    pluralName: 'Tasks',
    fields: [
      text('Title'),
      typed('Assignee', 'person'),
      typed('Due Date', 'date'),
      typed('Status', 'choice', ['To Do', 'In Progress', 'Done']),
    ],
  },
  {
    label: 'Requests people send in: title, requested by, details and status',
    name: 'Request',
    pluralName: 'Requests',
    fields: [
      text('Title'),
      typed('Requested By', 'person'),
      typed('Details', 'longText'),
      typed('Status', 'choice', ['New', 'In Progress', 'Done']),
    ],
  },
  {
    label: 'Contacts: name, email, phone and company',
    name: 'Contact',
    pluralName: 'Contacts',
    fields: [text('Name'), typed('Email', 'email'), typed('Phone', 'phone'), text('Company')],
  },
  {
    label: 'Items: name, quantity, location and notes',
    name: 'Item',
    pluralName: 'Items',
    fields: [text('Name'), typed('Quantity', 'number'), text('Location'), typed('Notes', 'longText')],
  },
];

const peopleWords = new Set([
  'member',
  'staff',
  'employee',
  'volunteer',
  'technician',
  'teacher',
  'tutor',
  'coach',
  'trainer',
  'driver',
  'agent',
  'manager',
  'nurse',
  'doctor',
  'therapist',
  'instructor',
  'mechanic',
  'consultant',
  'contractor',
  'freelancer',
  'tenant',
  'resident',
  'parent',
  'person',
  'people',
  'guest',
  'customer',
  'client',
  'patient',
  'student',
  'pupil',
  'user',
  'player',
  'candidate',
  'applicant',
  'attendee',
  'participant',
  'donor',
  'contact',
  'borrower',
  'renter',
  'subscriber',
  'speaker',
  'child',
  'kid',
  'owner',
  'vendor',
  'supplier',
  'landlord',
  'lead',
]);

/** The person-ish entities (members, guests, technicians) get contact details; things get a description. */
export function fieldSuggestions(entity: Entity, _blueprint: Blueprint): NewField[] {
  const head = lemmaPhrase(entity.name.toLowerCase()).split(' ').pop() ?? '';
  if (peopleWords.has(head))
    return [
      typed('Email', 'email'),
      typed('Phone', 'phone'),
      typed('Notes', 'longText'),
      typed('Joined On', 'date'),
    ];
  return [
    typed('Description', 'longText'),
    typed('Date Added', 'date'),
    text('Location'),
    typed('Notes', 'longText'),
  ];
}

const optionSets: [RegExp, string[][]][] = [
  [
    /\b(status|stage|state|progress|workflow|phase)\b/i,
    [
      ['To Do', 'In Progress', 'Done'],
      ['New', 'In Progress', 'Waiting', 'Closed'],
      ['Open', 'Closed'],
    ],
  ],
  [
    /\bcondition\b/i,
    [
      ['Good', 'Fair', 'Poor'],
      ['New', 'Good', 'Worn', 'Broken'],
    ],
  ],
  [
    /\b(priority|severity|urgency|importance|risk|impact)\b/i,
    [
      ['Low', 'Medium', 'High'],
      ['Low', 'Medium', 'High', 'Urgent'],
    ],
  ],
  [
    /\bsize\b/i,
    [
      ['Small', 'Medium', 'Large'],
      ['XS', 'S', 'M', 'L', 'XL'],
    ],
  ],
  [
    /\b(level|skill|difficulty|experience)\b/i,
    [
      ['Beginner', 'Intermediate', 'Advanced'],
      ['Easy', 'Medium', 'Hard'],
    ],
  ],
  [/\b(rating|quality)\b/i, [['Poor', 'OK', 'Good', 'Excellent']]],
  [
    /\b(payment|paid|billing)\b/i,
    [
      ['Unpaid', 'Paid'],
      ['Unpaid', 'Partly Paid', 'Paid'],
    ],
  ],
  [/\b(frequency|how often|recurrence)\b/i, [['Daily', 'Weekly', 'Monthly']]],
  [/\b(approval|decision)\b/i, [['Pending', 'Approved', 'Rejected']]],
];

/** Option sets a choice field's name suggests, best first; none when the name says nothing. */
export function optionSetsFor(fieldName: string, isStatus: boolean): string[][] {
  for (const [pattern, sets] of optionSets) if (pattern.test(fieldName)) return sets;
  return isStatus ? (optionSets[0]?.[1] ?? []) : [];
}

// A Map: the key is the person's word, and "constructor" must not find Object.prototype's.
const irregular: ReadonlyMap<string, string> = new Map([
  ['person', 'People'],
  ['child', 'Children'],
  ['staff', 'Staff'],
  ['man', 'Men'],
  ['woman', 'Women'],
  ['equipment', 'Equipment'],
]);

/** "Technician" → "Technicians", "Category" → "Categories", "Status" → "Statuses". */
export function plural(name: string): string {
  const words = name.trim().split(/\s+/);
  const last = words.pop() ?? '';
  const lower = last.toLowerCase();
  let result: string;
  const known = irregular.get(lower);
  if (known) result = known;
  else if (/[^aeiou]y$/i.test(last)) result = `${last.slice(0, -1)}ies`;
  else if (/[^s]s$/i.test(last)) result = last;
  else if (/(s|x|z|ch|sh)$/i.test(last)) result = `${last}es`;
  else result = `${last}s`;
  if (last.charAt(0) === last.charAt(0).toLowerCase())
    result = result.charAt(0).toLowerCase() + result.slice(1);
  return [...words, result].join(' ');
}
