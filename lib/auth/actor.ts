import type { Role } from "./users";

/** The signed-in back-office user a server action hands to lib/. */
export type AdminActor = { email: string; role: Role };

/** How a back-office user is named on order and product timelines and on refund requests. */
export function adminActorName(actor: Pick<AdminActor, "email">): string {
  return `admin:${actor.email}`;
}
