import NextAuth from "next-auth";
import { authSecret } from "@/lib/secrets";
import { authConfig } from "./auth.config";

const { auth } = NextAuth(() => ({ ...authConfig, secret: authSecret() }));

export const proxy = auth;

export const config = { matcher: ["/admin", "/admin/:path*"] };
