import { describe, expect, it } from 'vitest';
import { groupPermissions } from './groupRoles';

describe('groupPermissions', () => {
  it.each([
    ['owner', 'private', { canAddMembers: true, canRemoveMembers: true, canRename: true }],
    ['owner', 'public', { canAddMembers: true, canRemoveMembers: true, canRename: true }],
    ['member', 'private', { canAddMembers: true, canRemoveMembers: false, canRename: false }],
    ['member', 'public', { canAddMembers: true, canRemoveMembers: false, canRename: false }],
    [null, 'private', { canAddMembers: false, canRemoveMembers: false, canRename: false }],
    [null, 'public', { canAddMembers: false, canRemoveMembers: false, canRename: false }],
  ] as const)('%s of a %s group', (role, visibility, expected) => {
    expect(groupPermissions(role, visibility)).toEqual(expected);
  });
});
