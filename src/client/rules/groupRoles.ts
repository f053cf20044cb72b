import type { GroupVisibility, MemberRole } from '../../transport';

export interface GroupPermissions {
  canAddMembers: boolean;
  canRemoveMembers: boolean;
  canRename: boolean;
}

/**
 * What a member may do, as the backend's rules have it (src/backend/groups.ts):
 * any member adds people, the owner removes and renames; someone no longer in
 * it (null) does nothing. The UI offers only these; the backend decides.
 */
export function groupPermissions(role: MemberRole | null, _visibility: GroupVisibility): GroupPermissions {
  const owner = role === 'owner';
  return {
    canAddMembers: role !== null,
    canRemoveMembers: owner,
    canRename: owner,
  };
}
