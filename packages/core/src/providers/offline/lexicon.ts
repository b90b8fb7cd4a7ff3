import type { ViewKind } from './app-domains.ts';

/** People words: a request naming them has said who uses the app. */
export const roleWords = new Set([
  'receptionist', 'dentist', 'doctor', 'nurse', 'physician', 'therapist', 'agent', 'manager', 'admin',
  'administrator', 'staff', 'employee', 'team', 'teammate', 'colleague', 'coworker', 'teacher', 'tutor',
  'parent', 'volunteer', 'technician', 'engineer', 'developer', 'designer', 'recruiter', 'salesperson',
  'rep', 'accountant', 'bookkeeper', 'member', 'coach', 'trainer', 'driver', 'chef', 'cook', 'waiter',
  'cashier', 'clerk', 'librarian', 'landlord', 'contractor', 'freelancer', 'dispatcher', 'organizer',
  'editor', 'writer', 'marketer', 'founder', 'mechanic', 'instructor', 'lawyer', 'paralegal',
  'consultant', 'intern', 'supervisor', 'coordinator', 'assistant', 'professor', 'hr', 'nanny',
  'roommate', 'family', 'household', 'crew', 'department', 'practitioner', 'hygienist', 'vet',
]);

/** Phrases (lemmas or surface words) meaning one person uses the app for themselves. */
export const soloPhrases = ['for me', 'for myself', 'just me', 'only me', 'my own', 'personal', 'i want to track my'];

/** Record-ish detail words: two or more mentioned means the request already listed fields. */
export const fieldWords = new Set([
  'name', 'title', 'email', 'phone', 'number', 'address', 'date', 'deadline', 'time', 'price', 'cost',
  'amount', 'total', 'quantity', 'qty', 'sku', 'serial', 'category', 'tag', 'note', 'description',
  'location', 'rating', 'budget', 'salary', 'insurance', 'supplier', 'vendor', 'company', 'size', 'color',
  'colour', 'weight', 'duration', 'url', 'link', 'photo', 'picture', 'image', 'score', 'age', 'birthday',
  'role', 'assignee', 'estimate', 'value', 'channel', 'author', 'genre', 'isbn', 'capacity', 'room',
  'owner', 'comment', 'attachment', 'department', 'type', 'model', 'brand', 'allergy', 'dob',
]);

/** Lemma sequences that describe statuses, stages or actions: the workflow slot. */
export const workflowTerms = [
  'status', 'stage', 'pipeline', 'workflow', 'approve', 'approval', 'pending', 'resolve', 'overdue',
  'no - show', 'cancel', 'cancellation', 'check in', 'check out', 'escalate', 'low stock', 'low - stock',
  'reorder', 'unpaid', 'ship', 'reject', 'publish', 'in progress', 'follow up', 'follow - up', 'waitlist',
  'confirm', 'archive', 'assign', 'reminder', 'remind', 'sign off', 'mark as done', 'complete',
];

export const priorityWords = new Set(['priority', 'urgent', 'urgency', 'severity']);

/** Nouns naming a view; only counted when tagged as nouns ("report a bug" is not a chart). */
export const viewWords: Record<string, ViewKind> = {
  table: 'table',
  spreadsheet: 'table',
  grid: 'table',
  directory: 'table',
  board: 'board',
  kanban: 'board',
  calendar: 'calendar',
  agenda: 'calendar',
  schedule: 'calendar',
  timeline: 'calendar',
  chart: 'chart',
  graph: 'chart',
  dashboard: 'chart',
  analytics: 'chart',
  stats: 'chart',
  statistic: 'chart',
  form: 'form',
};

export const sharedPhrases = ['share', 'everyone', 'whole team', 'entire team', 'all staff', 'collaborate', 'together'];
export const privatePhrases = ['private', 'per user', 'each user', 'only their own', 'own data', 'each person', 'only see their'];

/** Tracking verbs whose object is what the app stores ("track *deliveries*"). */
export const trackingVerbs = new Set([
  'track', 'manage', 'log', 'record', 'store', 'keep', 'organize', 'organise', 'monitor', 'catalog',
  'catalogue', 'collect', 'handle', 'plan', 'inventory', 'list',
]);

/** Nouns that name the tool, not what it stores. */
export const genericNouns = new Set([
  'app', 'application', 'tool', 'tracker', 'system', 'way', 'thing', 'stuff', 'place', 'software',
  'website', 'site', 'page', 'dashboard', 'platform', 'portal', 'database', 'list', 'spreadsheet', 'track',
  'lot', 'kind', 'sort', 'bunch', 'something', 'everything', 'it', 'overview', 'info', 'information', 'data',
]);

/** Words that make a change request too vague to act on alone ("make it better"). */
export const vagueChangeWords = new Set([
  'make', 'change', 'improve', 'better', 'update', 'fix', 'thing', 'stuff', 'it', 'app', 'nicer', 'nice',
  'good', 'great', 'look', 'some', 'bit', 'more', 'tweak', 'redo', 'different', 'please', 'can', 'you',
  'prettier', 'pretty', 'cool', 'modern', 'cleaner',
]);
