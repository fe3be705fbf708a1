/** A member as pages and services see one (never a row). */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'suspended';
  createdAt: string;
}

export type Role = 'member' | 'curator' | 'admin';

/** Curators and admins may feature papers, hide comments and suspend accounts. */
export const canCurate = (user: User | null | undefined): boolean =>
  !!user && user.status === 'active' && (user.role === 'curator' || user.role === 'admin');

export const isAdmin = (user: User | null | undefined): boolean =>
  !!user && user.status === 'active' && user.role === 'admin';

/** A public profile: what anyone may see of a member. */
export interface PublicUser {
  id: number;
  name: string;
  role: Role;
  status: 'active' | 'suspended';
  createdAt: string;
}
