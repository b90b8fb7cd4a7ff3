export type ViewKind = 'table' | 'board' | 'calendar' | 'chart' | 'form';

/**
 * What the offline model knows about one kind of internal tool: the words that identify it, and
 * the options it offers (first = recommended). Keywords are plain words; they are lemmatized with
 * the same NLP pipeline as requests before matching.
 */
export interface AppDomain {
  id: string;
  /** Words naming the records themselves: seeing one means the request already says what it stores. */
  recordWords: string[];
  /** Other hints that the request is this kind of app. */
  hints: string[];
  record: { singular: string; plural: string };
  coreFields: string[];
  extraFields: string[];
  workflows: string[][];
  views: { label: string; kind: ViewKind }[];
  audiences: string[];
  sharing: 'shared' | 'private';
}

const domain = (value: AppDomain) => value;

export const appDomains: AppDomain[] = [
  domain({
    id: 'support_tickets',
    recordWords: ['ticket', 'issue', 'bug', 'incident', 'complaint', 'support request'],
    hints: ['helpdesk', 'help desk', 'support', 'sla', 'escalate'],
    record: { singular: 'ticket', plural: 'tickets' },
    coreFields: ['title', 'customer email', 'priority', 'description'],
    extraFields: ['assignee', 'due date', 'category'],
    workflows: [
      ['Open', 'In progress', 'Resolved'],
      ['New', 'Triaged', 'In progress', 'Waiting on customer', 'Closed'],
      ['Open', 'Closed'],
    ],
    views: [
      { label: 'Board by status', kind: 'board' },
      { label: 'Table with search and filters', kind: 'table' },
      { label: 'Chart of open tickets by priority', kind: 'chart' },
      { label: 'Calendar by due date', kind: 'calendar' },
    ],
    audiences: [
      'Support agents',
      'Support agents and team leads',
      'Anyone in the company (to file requests)',
      'Just me',
    ],
    sharing: 'shared',
  }),
  domain({
    id: 'bookings',
    recordWords: ['appointment', 'booking', 'reservation', 'visit', 'session'],
    hints: [
      'schedule',
      'scheduling',
      'clinic',
      'salon',
      'no-show',
      'slot',
      'patient',
      'dentist',
      'receptionist',
    ],
    record: { singular: 'appointment', plural: 'appointments' },
    coreFields: ['client name', 'date and time', 'service', 'phone number'],
    extraFields: ['staff member', 'duration', 'notes'],
    workflows: [
      ['Scheduled', 'Confirmed', 'Completed', 'No-show', 'Cancelled'],
      ['Booked', 'Completed', 'Cancelled'],
      ['Requested', 'Confirmed', 'Done'],
    ],
    views: [
      { label: 'Calendar by day and week', kind: 'calendar' },
      { label: "Today's list for the front desk", kind: 'table' },
      { label: 'Chart of bookings and no-shows per week', kind: 'chart' },
      { label: 'Booking form', kind: 'form' },
    ],
    audiences: ['Front-desk staff', 'Front desk and practitioners', 'Clients booking themselves', 'Just me'],
    sharing: 'shared',
  }),
  domain({
    id: 'inventory',
    recordWords: ['inventory', 'stock', 'item', 'product', 'part', 'supply', 'sku'],
    hints: ['warehouse', 'stockroom', 'reorder', 'low stock', 'supplier'],
    record: { singular: 'item', plural: 'items' },
    coreFields: ['name', 'SKU', 'quantity', 'location'],
    extraFields: ['reorder level', 'supplier', 'unit cost'],
    workflows: [
      ['In stock', 'Low stock', 'Out of stock'],
      ['Ordered', 'Received', 'In stock', 'Discontinued'],
      ['Available', 'Reserved', 'Used'],
    ],
    views: [
      { label: 'Table with low-stock highlights', kind: 'table' },
      { label: 'Low-stock dashboard', kind: 'chart' },
      { label: 'Board by stock status', kind: 'board' },
      { label: 'Form to record stock in and out', kind: 'form' },
    ],
    audiences: ['Warehouse staff', 'Staff and purchasing managers', 'The whole team', 'Just me'],
    sharing: 'shared',
  }),
  domain({
    id: 'crm',
    recordWords: ['lead', 'deal', 'prospect', 'contact', 'customer', 'client', 'opportunity'],
    hints: ['crm', 'sales', 'pipeline', 'follow-up', 'follow up'],
    record: { singular: 'deal', plural: 'deals' },
    coreFields: ['company', 'contact name', 'email', 'deal value'],
    extraFields: ['owner', 'expected close date', 'notes'],
    workflows: [
      ['Lead', 'Qualified', 'Proposal', 'Won', 'Lost'],
      ['New', 'Contacted', 'Negotiating', 'Closed'],
      ['Prospect', 'Customer', 'Churned'],
    ],
    views: [
      { label: 'Pipeline board by stage', kind: 'board' },
      { label: 'Table of contacts', kind: 'table' },
      { label: 'Chart of deal value by stage', kind: 'chart' },
      { label: 'Calendar of follow-ups', kind: 'calendar' },
    ],
    audiences: ['Sales reps', 'Sales reps and their manager', 'Founders and the whole team', 'Just me'],
    sharing: 'shared',
  }),
  domain({
    id: 'tasks',
    recordWords: ['task', 'todo', 'to-do', 'chore', 'project', 'assignment'],
    hints: ['sprint', 'kanban', 'backlog', 'deadline'],
    record: { singular: 'task', plural: 'tasks' },
    coreFields: ['title', 'assignee', 'due date', 'priority'],
    extraFields: ['project', 'description', 'estimate'],
    workflows: [
      ['To do', 'In progress', 'Done'],
      ['Backlog', 'To do', 'In progress', 'In review', 'Done'],
      ['Open', 'Done'],
    ],
    views: [
      { label: 'Kanban board', kind: 'board' },
      { label: 'List with filters', kind: 'table' },
      { label: 'Calendar by due date', kind: 'calendar' },
      { label: 'Progress chart', kind: 'chart' },
    ],
    audiences: ['My team', 'The team and its managers', 'Just me', 'The team and our clients'],
    sharing: 'shared',
  }),
  domain({
    id: 'expenses',
    recordWords: ['expense', 'receipt', 'reimbursement', 'spending', 'purchase'],
    hints: ['budget', 'spend', 'cost', 'finance'],
    record: { singular: 'expense', plural: 'expenses' },
    coreFields: ['description', 'amount', 'date', 'category'],
    extraFields: ['paid by', 'receipt link', 'project'],
    workflows: [
      ['Submitted', 'Approved', 'Reimbursed', 'Rejected'],
      ['Draft', 'Submitted', 'Paid'],
      ['Recorded (no approval step)'],
    ],
    views: [
      { label: 'Table with monthly totals', kind: 'table' },
      { label: 'Spending chart by month and category', kind: 'chart' },
      { label: 'Board by approval status', kind: 'board' },
      { label: 'Quick expense form', kind: 'form' },
    ],
    audiences: ['Employees submitting, a manager approving', 'The finance team', 'Just me', 'My household'],
    sharing: 'shared',
  }),
  domain({
    id: 'recruiting',
    recordWords: ['candidate', 'applicant', 'job application', 'job opening', 'new hire'],
    hints: ['hiring', 'recruit', 'recruiting', 'recruitment', 'interview', 'resume'],
    record: { singular: 'candidate', plural: 'candidates' },
    coreFields: ['name', 'email', 'role applied for', 'source'],
    extraFields: ['resume link', 'interviewer', 'rating'],
    workflows: [
      ['Applied', 'Screening', 'Interview', 'Offer', 'Hired', 'Rejected'],
      ['New', 'Interviewing', 'Decision'],
      ['Applied', 'Hired', 'Rejected'],
    ],
    views: [
      { label: 'Pipeline board by stage', kind: 'board' },
      { label: 'Table of candidates', kind: 'table' },
      { label: 'Interview calendar', kind: 'calendar' },
      { label: 'Chart of candidates per stage', kind: 'chart' },
    ],
    audiences: ['Recruiters', 'Recruiters and hiring managers', 'The whole interview panel', 'Just me'],
    sharing: 'shared',
  }),
  domain({
    id: 'assets',
    recordWords: ['asset', 'equipment', 'laptop', 'device', 'hardware', 'gear', 'vehicle'],
    hints: ['loan', 'checkout', 'check out', 'serial', 'warranty'],
    record: { singular: 'asset', plural: 'assets' },
    coreFields: ['name', 'serial number', 'assigned to', 'location'],
    extraFields: ['purchase date', 'cost', 'warranty end'],
    workflows: [
      ['Available', 'Checked out', 'In repair', 'Retired'],
      ['In use', 'Spare', 'Broken'],
      ['Available', 'Checked out'],
    ],
    views: [
      { label: 'Table with search', kind: 'table' },
      { label: 'Board by status', kind: 'board' },
      { label: 'Chart of assets by category', kind: 'chart' },
      { label: 'Checkout calendar', kind: 'calendar' },
    ],
    audiences: [
      'The IT or office manager',
      'Everyone who borrows equipment',
      'The facilities team',
      'Just me',
    ],
    sharing: 'shared',
  }),
  domain({
    id: 'events',
    recordWords: ['event', 'attendee', 'rsvp', 'registration', 'guest', 'meetup'],
    hints: ['conference', 'party', 'wedding', 'venue', 'ticketing'],
    record: { singular: 'event', plural: 'events' },
    coreFields: ['name', 'date', 'location', 'capacity'],
    extraFields: ['organizer', 'budget', 'description'],
    workflows: [
      ['Planning', 'Confirmed', 'Done', 'Cancelled'],
      ['Draft', 'Published', 'Completed'],
      ['Invited', 'Attending', 'Declined'],
    ],
    views: [
      { label: 'Calendar of events', kind: 'calendar' },
      { label: 'Table of events', kind: 'table' },
      { label: 'Attendance chart', kind: 'chart' },
      { label: 'Registration form', kind: 'form' },
    ],
    audiences: ['Event organizers', 'Organizers and volunteers', 'Guests registering themselves', 'Just me'],
    sharing: 'shared',
  }),
  domain({
    id: 'orders',
    recordWords: ['order', 'shipment', 'delivery', 'purchase order'],
    hints: ['fulfillment', 'fulfilment', 'shipping', 'shop', 'store'],
    record: { singular: 'order', plural: 'orders' },
    coreFields: ['customer', 'items', 'total', 'order date'],
    extraFields: ['shipping address', 'tracking number', 'payment method'],
    workflows: [
      ['New', 'Paid', 'Shipped', 'Delivered'],
      ['Received', 'Packed', 'Shipped', 'Delivered', 'Returned'],
      ['Open', 'Fulfilled', 'Cancelled'],
    ],
    views: [
      { label: 'Board by order status', kind: 'board' },
      { label: 'Table with search', kind: 'table' },
      { label: 'Sales chart by week', kind: 'chart' },
      { label: 'Delivery calendar', kind: 'calendar' },
    ],
    audiences: ['Fulfilment staff', 'Staff and the owner', 'Customer service', 'Just me'],
    sharing: 'shared',
  }),
  domain({
    id: 'habits',
    recordWords: ['habit', 'workout', 'exercise', 'meal', 'goal'],
    hints: ['fitness', 'streak', 'gym', 'diet', 'sleep', 'routine'],
    record: { singular: 'habit', plural: 'habits' },
    coreFields: ['name', 'target per week', 'category', 'start date'],
    extraFields: ['reminder time', 'notes', 'color'],
    workflows: [
      ['Done today', 'Missed'],
      ['Not started', 'In progress', 'Achieved'],
      ['Active', 'Paused', 'Archived'],
    ],
    views: [
      { label: 'Calendar with streaks', kind: 'calendar' },
      { label: 'Progress charts', kind: 'chart' },
      { label: "Today's checklist", kind: 'table' },
      { label: 'Weekly board', kind: 'board' },
    ],
    audiences: ['Just me', 'Me and my partner or family', 'A small group of friends', 'A team challenge'],
    sharing: 'private',
  }),
  domain({
    id: 'content',
    recordWords: ['post', 'article', 'blog post', 'newsletter', 'video', 'content'],
    hints: ['editorial', 'social media', 'publish', 'blog', 'marketing'],
    record: { singular: 'post', plural: 'posts' },
    coreFields: ['title', 'channel', 'publish date', 'author'],
    extraFields: ['draft link', 'tags', 'notes'],
    workflows: [
      ['Idea', 'Drafting', 'In review', 'Scheduled', 'Published'],
      ['Draft', 'Published'],
      ['Idea', 'In progress', 'Done'],
    ],
    views: [
      { label: 'Content calendar', kind: 'calendar' },
      { label: 'Board by stage', kind: 'board' },
      { label: 'Table with filters', kind: 'table' },
      { label: 'Chart of posts per channel', kind: 'chart' },
    ],
    audiences: ['The marketing team', 'Writers and editors', 'Just me', 'The whole company'],
    sharing: 'shared',
  }),
  domain({
    id: 'maintenance',
    recordWords: ['work order', 'repair', 'maintenance request', 'fault', 'breakdown'],
    hints: ['maintenance', 'facility', 'facilities', 'technician', 'building'],
    record: { singular: 'work order', plural: 'work orders' },
    coreFields: ['title', 'location', 'priority', 'reported by'],
    extraFields: ['assigned technician', 'due date', 'cost'],
    workflows: [
      ['Reported', 'Assigned', 'In progress', 'Done'],
      ['Open', 'Scheduled', 'Completed'],
      ['Open', 'Closed'],
    ],
    views: [
      { label: 'Board by status', kind: 'board' },
      { label: 'Table with filters', kind: 'table' },
      { label: 'Maintenance calendar', kind: 'calendar' },
      { label: 'Chart of issues by location', kind: 'chart' },
    ],
    audiences: ['Technicians', 'Technicians and facility managers', 'Everyone (to report issues)', 'Just me'],
    sharing: 'shared',
  }),
  domain({
    id: 'time_tracking',
    recordWords: ['timesheet', 'timesheets', 'time entry', 'hour', 'shift'],
    hints: ['time tracking', 'billable', 'clock in', 'overtime'],
    record: { singular: 'time entry', plural: 'time entries' },
    coreFields: ['person', 'date', 'hours', 'project'],
    extraFields: ['task', 'billable', 'notes'],
    workflows: [['Logged', 'Submitted', 'Approved'], ['Logged (no approval step)'], ['Draft', 'Invoiced']],
    views: [
      { label: 'Weekly timesheet table', kind: 'table' },
      { label: 'Hours per project chart', kind: 'chart' },
      { label: 'Calendar of entries', kind: 'calendar' },
      { label: 'Quick entry form', kind: 'form' },
    ],
    audiences: [
      'Employees logging time',
      'Employees and their managers',
      'Just me (freelancer)',
      'Contractors',
    ],
    sharing: 'shared',
  }),
  domain({
    id: 'books',
    recordWords: ['book', 'novel', 'reading list'],
    hints: ['library', 'reading', 'author', 'isbn'],
    record: { singular: 'book', plural: 'books' },
    coreFields: ['title', 'author', 'genre', 'year'],
    extraFields: ['rating', 'borrower', 'notes'],
    workflows: [
      ['Want to read', 'Reading', 'Finished'],
      ['Available', 'On loan', 'Overdue'],
      ['Owned', 'Lent out'],
    ],
    views: [
      { label: 'Bookshelf table with search', kind: 'table' },
      { label: 'Board by reading status', kind: 'board' },
      { label: 'Chart of books per month', kind: 'chart' },
      { label: 'Calendar of due dates', kind: 'calendar' },
    ],
    audiences: ['Just me', 'My family', 'A book club', 'Library members'],
    sharing: 'private',
  }),
  domain({
    id: 'school',
    recordWords: ['student', 'course', 'class', 'lesson', 'homework', 'grade'],
    hints: ['school', 'tutor', 'attendance', 'teacher', 'classroom'],
    record: { singular: 'student', plural: 'students' },
    coreFields: ['name', 'class', 'email', 'guardian contact'],
    extraFields: ['grades', 'attendance', 'notes'],
    workflows: [
      ['Present', 'Absent', 'Late'],
      ['Enrolled', 'Active', 'Graduated', 'Withdrawn'],
      ['Assigned', 'Submitted', 'Graded'],
    ],
    views: [
      { label: 'Class roster table', kind: 'table' },
      { label: 'Attendance calendar', kind: 'calendar' },
      { label: 'Grades chart', kind: 'chart' },
      { label: 'Board by status', kind: 'board' },
    ],
    audiences: ['Teachers', 'Teachers and school admins', 'Students and parents', 'Just me (tutor)'],
    sharing: 'shared',
  }),
  domain({
    id: 'invoices',
    recordWords: ['invoice', 'bill', 'payment'],
    hints: ['billing', 'overdue', 'paid', 'unpaid'],
    record: { singular: 'invoice', plural: 'invoices' },
    coreFields: ['client', 'amount', 'issue date', 'due date'],
    extraFields: ['line items', 'tax', 'notes'],
    workflows: [
      ['Draft', 'Sent', 'Paid', 'Overdue'],
      ['Unpaid', 'Paid'],
      ['Draft', 'Sent', 'Partially paid', 'Paid'],
    ],
    views: [
      { label: 'Table with totals', kind: 'table' },
      { label: 'Revenue chart per month', kind: 'chart' },
      { label: 'Board by status', kind: 'board' },
      { label: 'Calendar of due dates', kind: 'calendar' },
    ],
    audiences: ['Just me (the owner)', 'The finance team', 'Our accountant', 'The whole team'],
    sharing: 'shared',
  }),
];

/** Used when no domain matches: neutral options that still make a working app. */
export const genericDomain: AppDomain = {
  id: 'generic',
  recordWords: [],
  hints: [],
  record: { singular: 'item', plural: 'items' },
  coreFields: ['name', 'category', 'date', 'notes'],
  extraFields: ['owner', 'amount', 'link'],
  workflows: [['To do', 'In progress', 'Done'], ['Active', 'Archived'], ['No statuses (just a list)']],
  views: [
    { label: 'Table with search and filters', kind: 'table' },
    { label: 'Board by status', kind: 'board' },
    { label: 'Calendar by date', kind: 'calendar' },
    { label: 'Summary chart', kind: 'chart' },
  ],
  audiences: ['My team', 'Just me', 'The whole company', 'Customers or the public'],
  sharing: 'shared',
};

/** Offered when the request does not say what it stores; each label steers to a domain above. */
export const genericRecordChoices = [
  'Tasks and to-dos',
  'Customers and sales deals',
  'Requests or support tickets',
  'Items and stock levels',
];
