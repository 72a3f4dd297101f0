// The part of autocannon's API the bench uses (the package ships no types).
declare module "autocannon" {
  type Options = { url: string | string[]; connections: number; duration: number; headers?: Record<string, string> };
  type Result = { requests: { average: number; total: number }; non2xx: number; errors: number };
  type Instance = { on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void };
  export default function autocannon(options: Options, done: (error: Error | null, result: Result) => void): Instance;
}
