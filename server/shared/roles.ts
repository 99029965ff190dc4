/** Project roles, weakest first. Shared with the client (isomorphic, no imports). */
export const PROJECT_ROLES = ['viewer', 'coder', 'lead', 'owner'] as const;
export type ProjectRoleName = (typeof PROJECT_ROLES)[number];

/** True when `role` is `minimum` or stronger: `roleAtLeast('lead', 'coder') === true`. */
export function roleAtLeast(role: ProjectRoleName, minimum: ProjectRoleName): boolean {
  return PROJECT_ROLES.indexOf(role) >= PROJECT_ROLES.indexOf(minimum);
}
