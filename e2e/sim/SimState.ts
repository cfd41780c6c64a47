import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * What the simulated server keeps across restarts when SimOptions.stateFile is set (`npm run demo`):
 * phones, their linked devices (the id and secret a page's stored session is checked against) and
 * their chats. Refs, pairing codes, page connections and page errors live only as long as a run.
 */
const WA_STATES = [
  'CONFLICT', 'CONNECTED', 'DEPRECATED_VERSION', 'OPENING', 'PAIRING', 'PROXYBLOCK',
  'SMB_TOS_BLOCK', 'TIMEOUT', 'TOS_BLOCK', 'UNLAUNCHED', 'UNPAIRED', 'UNPAIRED_IDLE',
] as const;
const digits = z.string().regex(/^\d{6,15}$/);

const ContactSchema = z.object({ number: digits, name: z.string().optional(), pushname: z.string().optional() });
const MessageSchema = z.object({
  id: z.string().min(1),
  contact: digits,
  fromMe: z.boolean(),
  body: z.string(),
  t: z.number(),
  ack: z.union([z.literal(-1), z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  deviceId: z.string().optional(),
});
const ConversationsSchema = z.object({
  contacts: z.array(ContactSchema),
  messages: z.array(MessageSchema),
  unread: z.record(z.string(), z.number().int().min(0)),
});
const SnapshotSchema = z.object({
  version: z.literal(1),
  phones: z.array(z.object({ number: digits, pushname: z.string(), conversations: ConversationsSchema })),
  devices: z.array(z.object({
    deviceId: z.string().min(1),
    secret: z.string().min(1),
    number: digits,
    linkedAt: z.number(),
    via: z.enum(['qr', 'code']),
    state: z.enum(WA_STATES),
  })),
});

export type ConversationsSnapshot = z.infer<typeof ConversationsSchema>;
export type SimSnapshot = z.infer<typeof SnapshotSchema>;

/** How long changes gather before one write: a burst (link, login, sync, history) is one write. */
const SAVE_DELAY_MS = 200;

/**
 * The simulator's state file: read once at start, written (debounced, and at stop) with a temp file and
 * a rename, so a killed demo leaves either the old file or the new one, never half of one. 0600: it
 * holds the devices' secrets and the chats' text.
 */
export class SimStateFile {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly snapshot: () => SimSnapshot,
    private readonly log: (line: string) => void,
  ) {}

  /** The saved state, or undefined (logged) when there is none or it cannot be read: the simulator starts empty. */
  load(): SimSnapshot | undefined {
    if (!existsSync(this.path)) {
      this.log(`simulator: no saved state at ${this.path}; starting with no linked devices.`);
      return undefined;
    }
    let problem: string;
    try {
      const parsed = SnapshotSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      if (parsed.success) return parsed.data;
      problem = `unexpected content (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message ?? 'invalid'})`;
    } catch (error) {
      problem = error instanceof SyntaxError ? 'not valid JSON' : `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
    // Kept aside rather than overwritten by the next save, so whoever broke it can still look at it.
    const aside = `${this.path}.corrupt-${Date.now()}`;
    try {
      renameSync(this.path, aside);
    } catch {
      // Cannot move it (permissions): the next save replaces it, which is what starting empty means.
    }
    this.log(`simulator: saved state ${this.path} is ${problem}; starting with no linked devices (the old file is now ${aside}).`);
    return undefined;
  }

  /** Something the file holds changed: write soon. */
  schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, SAVE_DELAY_MS);
  }

  /** Writes now if a change is waiting (at stop). */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write();
  }

  private write(): void {
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      rmSync(temp, { force: true });
      writeFileSync(temp, JSON.stringify(this.snapshot()), { mode: 0o600 });
      renameSync(temp, this.path);
    } catch (error) {
      // A failed save must not take the simulator down; the next change tries again.
      this.log(`simulator: could not save its state to ${this.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
}
