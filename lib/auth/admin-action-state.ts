/** The one answer shape of admin server actions, for useActionState (importable by client code). */
export type AdminActionState = { ok: true; message?: string; /** shown once (a generated password), never stored in clear */ secret?: string } | { ok: false; error: string; fieldErrors?: Record<string, string> } | null;
