import type { TUserRole } from '@/db/schema';

/**
 * `isAnonymous`: a guest before checkout (a customer with a placeholder email and no password);
 * everything a customer may do, they may do, with their own uploads and nothing else.
 */
export type TSessionUser = { id: string; email: string; name: string; role: TUserRole; isAnonymous?: boolean };

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<TUserRole, string> = {
  customer: '/',
  shop_owner: '/shop',
  admin: '/admin',
};

export const ROLE_LABEL: Record<TUserRole, string> = {
  customer: 'Customer',
  shop_owner: 'Shop owner',
  admin: 'Admin',
};

export function hasRole(user: TSessionUser | null, roles: readonly TUserRole[]): user is TSessionUser {
  return !!user && roles.includes(user.role);
}
