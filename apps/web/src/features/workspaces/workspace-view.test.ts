import { describe, expect, it } from 'vitest';
import {
  chooseWorkspace,
  inviteEmailProblem,
  mayLeave,
  removableBy,
  roleChangeableBy,
  type Workspace,
  type WorkspaceMember,
  workspaceNameProblem,
} from './workspace-view.ts';

const personal: Workspace = { id: 'p', name: 'Personal', personal: true, role: 'owner', createdAt: '' };
const team: Workspace = { id: 't', name: 'Makerspace', personal: false, role: 'viewer', createdAt: '' };

const member = (userId: string, role: WorkspaceMember['role']): WorkspaceMember => ({
  userId,
  email: `${userId}@example.com`,
  role,
  joinedAt: '',
});

describe('chooseWorkspace', () => {
  it('takes the requested workspace, then the last used, then the personal one', () => {
    expect(chooseWorkspace([personal, team], 't', 'p')).toBe(team);
    expect(chooseWorkspace([personal, team], null, 't')).toBe(team);
    expect(chooseWorkspace([team, personal], null, null)).toBe(personal);
  });

  it('falls back when the person is no longer in the requested workspace', () => {
    expect(chooseWorkspace([personal], 't', 't')).toBe(personal);
    expect(chooseWorkspace([team], 'gone', null)).toBe(team);
    expect(chooseWorkspace([], 't', null)).toBeNull();
  });
});

describe('member actions', () => {
  const members = [member('ada', 'owner'), member('bob', 'editor'), member('cy', 'viewer')];

  it('lets an owner remove others but not themselves or the last owner', () => {
    const ada = { userId: 'ada', role: 'owner' as const };
    expect(removableBy(ada, member('bob', 'editor'), members)).toBe(true);
    expect(removableBy(ada, member('ada', 'owner'), members)).toBe(false);
    const twoOwners = [...members, member('dee', 'owner')];
    expect(removableBy(ada, member('dee', 'owner'), twoOwners)).toBe(true);
    expect(removableBy({ userId: 'bob', role: 'editor' }, member('cy', 'viewer'), members)).toBe(false);
  });

  it('lets anyone but the last owner leave', () => {
    expect(mayLeave('bob', members)).toBe(true);
    expect(mayLeave('ada', members)).toBe(false);
    expect(mayLeave('ada', [...members, member('dee', 'owner')])).toBe(true);
    expect(mayLeave('nobody', members)).toBe(false);
  });
});

describe('form checks', () => {
  it('names the problem with a workspace name or an invite email', () => {
    expect(workspaceNameProblem('  ')).toBe('Name the workspace');
    expect(workspaceNameProblem('x'.repeat(101))).toMatch(/at most 100/);
    expect(workspaceNameProblem('Front desk')).toBeNull();
    expect(inviteEmailProblem('')).toMatch(/Enter the email/);
    expect(inviteEmailProblem('not an email')).toBe('Enter a valid email address');
    expect(inviteEmailProblem(' ada@example.com ')).toBeNull();
  });
});

describe('roleChangeableBy', () => {
  it('lets an owner change anyone else’s role in a team workspace, never their own nor in a personal one', () => {
    const ada = { userId: 'ada', role: 'owner' as const };
    expect(roleChangeableBy(ada, member('bob', 'editor'), false)).toBe(true);
    expect(roleChangeableBy(ada, member('cy', 'owner'), false)).toBe(true);
    expect(roleChangeableBy(ada, member('ada', 'owner'), false)).toBe(false);
    expect(roleChangeableBy(ada, member('bob', 'editor'), true)).toBe(false);
    expect(roleChangeableBy({ userId: 'bob', role: 'editor' }, member('cy', 'viewer'), false)).toBe(false);
  });
});
