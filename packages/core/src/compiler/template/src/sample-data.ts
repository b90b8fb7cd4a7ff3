// Generated from the blueprint: data only. Every text in it went through the builder's one escaping path.
import type { SampleData } from './schema';

export const sampleData: SampleData = {
  today: '2025-01-15',
  records: {
    tool: [
      {
        id: 's0-1',
        values: {
          'tool-name': 'Tool 1',
          'tool-status': 'Available',
          'tool-condition': 'Good',
          'tool-value': 572,
        },
      },
      {
        id: 's0-2',
        values: {
          'tool-name': 'Tool 2',
          'tool-status': 'Out',
          'tool-condition': 'Worn',
          'tool-value': 22.5,
        },
      },
      {
        id: 's0-3',
        values: {
          'tool-name': 'Tool 3',
          'tool-status': 'In Repair',
          'tool-condition': 'Broken',
          'tool-value': 484,
        },
      },
      {
        id: 's0-4',
        values: {
          'tool-name': 'Tool 4',
          'tool-status': 'Available',
          'tool-condition': 'Good',
          'tool-value': 883.5,
        },
      },
      {
        id: 's0-5',
        values: {
          'tool-name': 'Tool 5',
          'tool-status': 'Out',
          'tool-condition': 'Worn',
          'tool-value': 872,
        },
      },
      {
        id: 's0-6',
        values: {
          'tool-name': 'Tool 6',
          'tool-status': 'In Repair',
          'tool-condition': 'Broken',
          'tool-value': 267.5,
        },
      },
      {
        id: 's0-spare',
        values: {
          'tool-name': 'Tool 7',
          'tool-status': 'Available',
          'tool-condition': 'Good',
          'tool-value': 559.5,
        },
      },
    ],
    member: [
      {
        id: 's1-1',
        values: {
          'member-name': 'Alex Kim',
          'member-email': 'alex.kim@example.com',
          'member-phone': '(555) 010-1037',
        },
      },
      {
        id: 's1-2',
        values: {
          'member-name': 'Sam Patel',
          'member-email': 'sam.patel@example.com',
          'member-phone': '(555) 010-1074',
        },
      },
      {
        id: 's1-3',
        values: {
          'member-name': 'Jordan Lee',
          'member-email': 'jordan.lee@example.com',
          'member-phone': '(555) 010-1111',
        },
      },
      {
        id: 's1-4',
        values: {
          'member-name': 'Riley Chen',
          'member-email': 'riley.chen@example.com',
          'member-phone': '(555) 010-1148',
        },
      },
      {
        id: 's1-5',
        values: {
          'member-name': 'Maria Lopez',
          'member-email': 'maria.lopez@example.com',
          'member-phone': '(555) 010-1185',
        },
      },
      {
        id: 's1-spare',
        values: {
          'member-name': 'Chris Okafor',
          'member-email': 'chris.okafor@example.com',
          'member-phone': '(555) 010-1222',
        },
      },
    ],
    loan: [
      {
        id: 's2-1',
        values: {
          'loan-tool': 's0-1',
          'loan-member': 's1-1',
          'loan-due': '2025-01-09',
          'loan-returned': '2025-01-09',
        },
      },
      {
        id: 's2-2',
        values: {
          'loan-tool': 's0-2',
          'loan-member': 's1-2',
          'loan-due': '2025-01-17',
          'loan-returned': '2025-01-17',
        },
      },
      {
        id: 's2-3',
        values: {
          'loan-tool': 's0-3',
          'loan-member': 's1-3',
          'loan-due': '2025-01-15',
          'loan-returned': '2025-01-15',
        },
      },
      {
        id: 's2-4',
        values: {
          'loan-tool': 's0-4',
          'loan-member': 's1-4',
          'loan-due': '2025-01-13',
          'loan-returned': '2025-01-13',
        },
      },
      {
        id: 's2-5',
        values: {
          'loan-tool': 's0-5',
          'loan-member': 's1-5',
          'loan-due': '2025-01-20',
          'loan-returned': '2025-01-20',
        },
      },
      {
        id: 's2-spare',
        values: {
          'loan-tool': 's0-6',
          'loan-member': 's1-1',
          'loan-due': '2025-01-16',
          'loan-returned': '2025-01-16',
        },
      },
      {
        id: 'p4-in',
        values: {
          'loan-tool': 's0-1',
          'loan-member': 's1-2',
          'loan-due': '2025-01-14',
          'loan-returned': '2025-01-24',
        },
      },
      {
        id: 'p4-out',
        values: {
          'loan-tool': 's0-2',
          'loan-member': 's1-3',
          'loan-due': '2025-01-22',
          'loan-returned': '2025-01-03',
        },
      },
      {
        id: 'p5-in',
        values: {
          'loan-tool': 's0-3',
          'loan-member': 's1-4',
          'loan-due': '2025-01-29',
          'loan-returned': null,
        },
      },
      {
        id: 'p5-out',
        values: {
          'loan-tool': 's0-4',
          'loan-member': 's1-5',
          'loan-due': '2025-01-18',
          'loan-returned': '2025-01-09',
        },
      },
    ],
  },
};
