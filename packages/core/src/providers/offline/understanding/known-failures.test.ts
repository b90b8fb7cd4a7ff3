import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../../blueprint/blueprint.ts';
import { validateBlueprint } from '../../../blueprint/validate-blueprint.ts';
import { plural } from '../question-defaults.ts';
import { surface, tokensOf } from './tokens.ts';
import { type UnderstandingFocus, understandText } from './understand-text.ts';

/*
 * Bugs found after issue 10 landed, one test each: what the person typed once broke the reader or
 * was lost on the way to the blueprint.
 */

function read(text: string, base: Blueprint | null = null, focus: UnderstandingFocus | null = null) {
  const result = understandText({ text, base, focus });
  expect(validateBlueprint(result.blueprint)).toEqual([]);
  return result.blueprint;
}
const shape = (blueprint: Blueprint) =>
  blueprint.entities.map((entity) => [entity.name, entity.fields.map((field) => field.name)]);
const tickets = () => read('A tracker for our support tickets');

describe('understanding: words that are Object.prototype members are words', () => {
  it('"constructor", "__proto__", "toString" read as names in a request, an answer and a change', () => {
    // Once looked up in plain-object tables: `contractions.constructor` made a token whose word was
    // a function, and the relation and plural readers threw on it.
    const words = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    for (const word of words) {
      const request = read(`Each ticket has a title, a ${word} and a priority`);
      expect(shape(request)).toEqual([['Ticket', ['Title', titled(word), 'Priority']]]);
      const ticket = request.entities[0];
      const answered = read(`title, ${word} and priority ${word}`, request, {
        entityId: ticket?.id ?? null,
        fieldId: null,
      });
      expect(answered.entities[0]?.fields.map((field) => field.name)).toContain(titled(word));
      expect(() => read(`Add a ${word} field and add a status called ${word}`, request)).not.toThrow();
      expect(read(`${word}s ${word} ${word}s to ${word}s`).entities.length).toBeGreaterThanOrEqual(0);
    }
  });
});

function titled(word: string): string {
  return /[A-Z]/.test(word.slice(1)) ? word : word.charAt(0).toUpperCase() + word.slice(1);
}

describe('understanding: a rename keeps the exact words, up to the end of the sentence', () => {
  it('a semicolon, a quote mark and U+2028 are part of the new title', () => {
    expect(read("Rename it to Desk '; globalThis", tickets()).title).toBe("Desk '; globalThis");
    expect(read('Rename it to Desk\u2028__pwned = 1; x', tickets()).title).toBe('Desk\u2028__pwned = 1; x');
    expect(read('Please call it Front Desk; Chairs', tickets()).title).toBe('Front Desk; Chairs');
  });

  it('a full stop, a newline, a double quote or a sentence-ending "?" ends it; what follows is read', () => {
    const renamed = read('Rename it to Help Desk. Add a due date to each support ticket', tickets());
    expect(renamed.title).toBe('Help Desk');
    expect(renamed.entities[0]?.fields.map((field) => [field.name, field.type])).toContainEqual([
      'Due Date',
      'date',
    ]);
    expect(read('Rename it to Help Desk\nthanks', tickets()).title).toBe('Help Desk');
    expect(read('Could you rename it to Help Desk?', tickets()).title).toBe('Help Desk');
    expect(read('Rename it to "Help Desk, Level 2" please', tickets()).title).toBe('Help Desk, Level 2');
  });

  it('record and field renames are title-cased names; a rename naming nothing is not applied', () => {
    const base = read('Each ticket has a title and a priority');
    // The next command ends a name as a full stop does.
    const renamed = read('rename tickets to support cases; rename priority to urgency', base);
    expect(shape(renamed)).toEqual([['Support Case', ['Title', 'Urgency']]]);
    const more = read('Rename it to Desk and add a notes field', base);
    expect(more.title).toBe('Desk');
    expect(shape(more)).toEqual([['Ticket', ['Title', 'Priority', 'Notes']]]);
    expect(read('rename the widgets to gadgets', base).title).toBe(base.title);
  });
});

describe('understanding: a container named for its records', () => {
  it('"a tracker for our support tickets" tracks support tickets; "a tracker for our team" is whom it is for', () => {
    expect(shape(tickets())).toEqual([['Support Ticket', ['Name']]]);
    expect(shape(read('A log for our repair jobs with a due date'))).toEqual([['Repair Job', ['Due Date']]]);
    const team = read('A tracker for our team');
    expect(team.entities).toEqual([]);
    expect(team.audience.map((audience) => audience.name)).toEqual(['Team']);
  });
});

describe('understanding: an answer that is only a list', () => {
  it('semicolons and full stops separate its items like commas', () => {
    const base = tickets();
    const focus = { entityId: base.entities[0]?.id ?? null, fieldId: null };
    const answered = read('title; priority. due date', base, focus);
    expect(shape(answered)).toEqual([['Support Ticket', ['Title', 'Priority', 'Due Date']]]);
  });
});

describe('understanding: names keep the characters between the words as typed', () => {
  it('surface gives back adjacent words exactly, and spaces words that were apart', () => {
    const braces = ['$', '{x}'].join('');
    const tokens = tokensOf(`size A4/A3, ${braces} and no-show`);
    expect(surface(tokens)).toBe(`size A4/A3, ${braces} and no-show`);
    expect(surface(tokens.filter((token) => token.word !== 'and'))).toBe(`size A4/A3, ${braces} no-show`);
  });
});

describe('understanding: "field" and "column" say what is added, not its name', () => {
  it('"Add a notes field" adds Notes; "a column named due date" adds Due Date', () => {
    const base = read('Each ticket has a title and a priority');
    const fields = (text: string) =>
      read(text, base).entities[0]?.fields.map((field) => [field.name, field.type]);
    expect(fields('Add a notes field')).toEqual([
      ['Title', 'text'],
      ['Priority', 'choice'],
      ['Notes', 'longText'],
    ]);
    expect(fields('add a column named due date and phone and email columns')?.slice(2)).toEqual([
      ['Due Date', 'date'],
      ['Phone', 'phone'],
      ['Email', 'email'],
    ]);
    expect(fields('add a field called Room')?.slice(2)).toEqual([['Room', 'text']]);
  });
});

describe('understanding: what the people need to do names the records', () => {
  it('"<people> need to assign <records> to <role>, with …" → the records, their fields and who they go to', () => {
    const blueprint = read(
      'Our dispatchers need to assign repair jobs to technicians, with the address, a due date and a priority.',
    );
    expect(
      blueprint.entities.map((entity) => [
        entity.name,
        entity.fields.map((field) => [field.name, field.type]),
      ]),
    ).toEqual([
      [
        'Repair Job',
        [
          ['Address', 'text'],
          ['Due Date', 'date'],
          ['Priority', 'choice'],
          ['Technician', 'person'],
        ],
      ],
    ]);
    expect(blueprint.audience.map((audience) => audience.name)).toEqual(['Dispatchers']);
  });

  it('any "<people> need(s) to <verb> <records>", and "<people> <verb> <records> to <role>"', () => {
    expect(shape(read('Teachers need to grade essays with a score and feedback'))).toEqual([
      ['Essay', ['Score', 'Feedback']],
    ]);
    expect(shape(read('Our dispatchers need to schedule visits'))).toEqual([['Visit', ['Name']]]);
    expect(shape(read('Supervisors allocate shifts to volunteers'))).toEqual([['Shift', ['Volunteer']]]);
    // Seeing is a view, not records; people are who uses it, not what it tracks.
    expect(read('Our volunteers need to see the rota').entities).toEqual([]);
    expect(read('Managers need to train technicians').entities).toEqual([]);
  });
});

describe('understanding: "field" and "column" in a request', () => {
  it('"each ticket has a title, a notes field and a due date column" → Title, Notes, Due Date', () => {
    expect(shape(read('Each ticket has a title, a notes field and a due date column'))).toEqual([
      ['Ticket', ['Title', 'Notes', 'Due Date']],
    ]);
  });
});

describe('understanding: an app word after a container names no records', () => {
  it('"a scheduling tool for our receptionists to manage patient appointments" tracks the appointments', () => {
    const blueprint = read(
      'A scheduling tool for our dental clinic receptionists to manage patient appointments and track no-shows',
    );
    expect(blueprint.entities.map((entity) => entity.name)).toEqual(['Patient Appointment']);
    expect(blueprint.audience.map((audience) => audience.name)).toEqual(['Dental Clinic Receptionists']);
    expect(shape(read('An inventory tool'))).toEqual([['Inventory', ['Name']]]);
    const three = read(
      'A scheduling tool for our receptionists to manage patient appointments, treatments and invoices',
    );
    expect(three.entities.map((entity) => entity.name)).toEqual([
      'Patient Appointment',
      'Treatment',
      'Invoice',
    ]);
  });
});

describe('question defaults: a word that is an Object.prototype member is a word', () => {
  it('plural("constructor") is "constructors"', () => {
    expect(plural('constructor')).toBe('constructors');
    expect(plural('Person')).toBe('People');
  });
});
