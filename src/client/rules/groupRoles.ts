import type { GroupVisibility, MemberRole } from '../../transport';

export interface GroupPermissions {
  canAddMembers: boolean;
  canRemoveMembers: boolean;
  canRename: boolean;
}

/**
 * What a member may do, as the port states the rules: in a private group any
 * member adds people, in a public channel the owner does (anyone can join it);
 * the owner removes and renames. Someone no longer in it (null) does nothing.
 * The UI offers only these; the backend decides.
 */
export function groupPermissions(role: MemberRole | null, visibility: GroupVisibility): GroupPermissions {
  const owner = role === 'owner';
  return {
    canAddMembers: role !== null && (visibility === 'private' || owner),
    canRemoveMembers: owner,
    canRename: owner,
  };
}
