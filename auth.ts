import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/db/client";
import { authenticate } from "@/lib/auth/sign-in";
import { clientAddressFrom } from "@/lib/client-address";
import { env } from "@/lib/env";
import { text } from "@/lib/input";
import { log } from "@/lib/log";
import { authSecret } from "@/lib/secrets";
import { authConfig } from "./auth.config";

/** Sign-in refused because of too many failures; the page says when to come back. */
class LockedSignin extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({
  email: text(320).trim().min(1),
  password: text(256).min(1),
});

// A function, so the secret is read at request time and never during `next build`.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: authSecret(),
  logger: {
    // A refused sign-in is an answer, not an error; lib/auth/sign-in.ts counts it.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      log.error({ err: error }, "auth error");
    },
    warn(code) {
      log.warn({ code }, "auth warning");
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const result = await authenticate(db, { ...parsed.data, ip: clientAddressFrom(request.headers, env().TRUSTED_PROXY_HEADER) ?? "unknown" });
        if (result.ok) return { id: String(result.user.id), email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
        if (result.reason === "locked") throw new LockedSignin();
        return null;
      },
    }),
  ],
}));
