import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Root files of the Next.js app that lib/ must not reach into (they wire lib/ to the framework). */
const rootFiles = ["./auth.ts", "./auth.config.ts", "./proxy.ts", "./instrumentation.ts"];

/**
 * The layering, checked on every `npm test` (its lint step): app → components → lib → db, one way.
 * db/ holds the schema and the connection and knows nothing above it; lib/ holds the rules and
 * knows no page, component or framework wiring; only the payment-provider resolver in
 * lib/payments/ may import a provider's adapter, so a second provider touches its own folder.
 */
const layering = {
  files: ["app/**", "components/**", "lib/**", "db/**"],
  // A test beside a rule may drive the route that calls it, as Toss or a browser would.
  ignores: ["**/*.test.ts", "**/*.test.tsx"],
  // Walk our own modules for cycles, not the packages' (some cannot be parsed as modules).
  settings: { "import/ignore": ["node_modules"] },
  rules: {
    "import/no-restricted-paths": [
      "error",
      {
        zones: [
          { target: "./db", from: ["./lib", "./components", "./app", ...rootFiles], message: "db/ is the bottom layer: pass what it needs in from lib/." },
          { target: "./lib", from: ["./components", "./app", ...rootFiles], message: "lib/ holds the rules and imports no page, component or framework wiring." },
          { target: "./components", from: ["./app"], message: "components/ are used by app/, not the other way round." },
          {
            // lib/env.ts checks the provider's keys at start-up (importing them through the
            // resolver would be a cycle: the resolver reads the configuration).
            target: ["./app", "./components", "./db", "./lib/!(payments|testing)/**", "./lib/!(env).ts", "./lib/*.mjs"],
            from: "./lib/payments/toss",
            message: "Only the provider resolver in lib/payments/ (and lib/env.ts) imports a provider's adapter: use lib/payments.",
          },
        ],
      },
    ],
    "import/no-cycle": ["error", { ignoreExternal: true }],
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  layering,
  { ignores: [".next/**", ".data/**", "node_modules/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
