/**
 * THE contract between the renderer and main: every operation's channel, argument and result schemas,
 * and every push event. Main (main/electron/ipc.ts) and the browser bridge (main/web/) validate what
 * arrives against these schemas; the preload exposes exactly one function per operation; the renderer
 * is typed by `AkvaultApi` below.
 *
 * What crosses here is view state: names, kinds, account labels, expiries, alarm states. Secret values
 * never appear in a result or an event; the renderer can only ask main to *act* on a secret (copy it,
 * store what the user typed).
 */
import { z } from 'zod';
import { eventChannels, operationChannels, type EventName, type OperationName } from './channels';

export { onName, type EventName, type OperationName } from './channels';

// ---------- view shapes ----------

export const ProfileKindSchema = z.enum(['access-key', 'temporary-key', 'token', 'account', 'ecs-agency', 'agency']);
export type ProfileKind = z.infer<typeof ProfileKindSchema>;

export const ProfileViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: ProfileKindSchema,
    accessKeyId: z.string().optional(),
    domainName: z.string().optional(),
    domainId: z.string().optional(),
    userName: z.string().optional(),
    region: z.string().optional(),
    projectId: z.string().optional(),
    description: z.string().optional(),
    color: z.string().optional(),
    expiresAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export type ProfileView = z.infer<typeof ProfileViewSchema>;

export const BackendStatusSchema = z.object({
  state: z.enum(['available', 'locked', 'unavailable']),
  backend: z.string(),
  message: z.string().optional(),
});
export type BackendStatusView = z.infer<typeof BackendStatusSchema>;

export const SnapshotSchema = z.object({
  /** Monotonic: a late push never overwrites a newer snapshot. */
  version: z.number().int().nonnegative(),
  profiles: z.array(ProfileViewSchema),
  defaultProfile: z.string().nullable(),
  keychain: BackendStatusSchema,
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Errors cross the boundary as data: a stable code the UI can translate, plus English text. */
export const ErrorViewSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});
export type ErrorView = z.infer<typeof ErrorViewSchema>;

/** Every invoke answers with this envelope, so a failure reaches the page as data, never as a crash. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

// ---------- operations ----------

const op = <K extends OperationName, I extends z.ZodTuple, O extends z.ZodType>(name: K, input: I, output: O) => ({
  channel: operationChannels[name],
  input,
  output,
});

const ProfileName = z.string().min(1).max(64);

export const operations = {
  getSnapshot: op('getSnapshot', z.tuple([]), SnapshotSchema),
  setDefaultProfile: op('setDefaultProfile', z.tuple([ProfileName.nullable()]), z.null()),
} as const satisfies Record<OperationName, unknown>;

export type Operations = typeof operations;
export type OperationArgs<K extends OperationName> = z.input<Operations[K]['input']>;
export type OperationResult<K extends OperationName> = z.output<Operations[K]['output']>;

// ---------- push events (main → renderer) ----------

export const events = {
  snapshot: { channel: eventChannels.snapshot, payload: SnapshotSchema },
} as const satisfies Record<EventName, unknown>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]['payload']>;

// ---------- what the page sees as window.akvault ----------

type Subscribe<K extends EventName> = (listener: (payload: EventPayload<K>) => void) => () => void;
type OnName<K extends string> = `on${Capitalize<K>}`;

export type AkvaultApi = {
  [K in OperationName]: (...args: OperationArgs<K>) => Promise<OperationResult<K>>;
} & {
  [K in EventName as OnName<K>]: Subscribe<K>;
};

