import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PersistedState } from "./types";

/** state.json under the data directory: loaded at start, written atomically (temp + rename), debounced. */
export class Persister {
  private readonly file: string;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;

  constructor(
    dir: string,
    private snapshot: () => PersistedState,
    private debounceMs = 250,
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, "state.json");
  }

  load(): PersistedState | undefined {
    if (!existsSync(this.file)) return undefined;
    try {
      const data = JSON.parse(readFileSync(this.file, "utf8")) as PersistedState;
      if (data?.version === 1 && Array.isArray(data.payments)) return data;
    } catch {
      // A corrupt file is kept aside for inspection; the sandbox starts empty.
    }
    renameSync(this.file, `${this.file}.corrupt-${Date.now()}`);
    return undefined;
  }

  markDirty() {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.debounceMs);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    if (this.writing) {
      await this.writing;
      if (!this.dirty) return;
    }
    this.dirty = false;
    const tmp = `${this.file}.${process.pid}.tmp`;
    const data = JSON.stringify(this.snapshot());
    this.writing = writeFile(tmp, data)
      .then(() => rename(tmp, this.file))
      .catch(() => {
        this.dirty = true;
      })
      .finally(() => {
        this.writing = undefined;
      });
    await this.writing;
  }

  /** Synchronous final write (shutdown). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing) await this.writing;
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.snapshot()));
    renameSync(tmp, this.file);
    this.dirty = false;
  }
}
