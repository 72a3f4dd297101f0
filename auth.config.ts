import type { NextAuthConfig } from "next-auth";

declare module "next-auth" {
  interface User {
    /** users.session_version at sign-in (lib/auth/roles.ts compares it at every request). */
    sessionVersion?: number;
  }
}

/**
 * What the proxy needs to read a session: no database and no hashing. The proxy is only the
 * first gate; every admin page, query and action checks the account again (app/admin/access.ts).
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authConfig = {
  pages: { signIn: "/signin" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  providers: [],
  callbacks: {
    // Without this callback the proxy would let every request through.
    authorized({ auth, request }) {
      if (request.nextUrl.pathname === "/admin" || request.nextUrl.pathname.startsWith("/admin/")) return Boolean(auth?.user?.id);
      return true;
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sv === "number") session.user.sessionVersion = token.sv;
      return session;
    },
  },
} satisfies NextAuthConfig;

