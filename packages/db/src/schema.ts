import type { JobKind, JobStatus } from '@app/core/schemas';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string (pg would send a JS array as a PG array). */
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

/** Personal access tokens (migration 0009): only the SHA-256 of each token is stored. */
export interface AccessTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** Workspaces (migration 0010): every person has a personal one; apps live in exactly one. */
export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  personal: Generated<boolean>;
  created_at: CreatedAt;
}

export type WorkspaceRole = 'owner' | 'editor' | 'viewer';

export interface WorkspaceMembersTable {
  workspace_id: string;
  user_id: string;
  role: WorkspaceRole;
  created_at: CreatedAt;
}

/** A single-use link into a workspace: only the SHA-256 of its token is stored. */
export interface WorkspaceInvitesTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  role: Exclude<WorkspaceRole, 'owner'>;
  token_hash: string;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface AppsTable {
  id: Generated<string>;
  /** Who created the app; access goes through `workspace_id` (queries/access.ts), never this. */
  owner_id: string;
  workspace_id: string;
  name: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** The version the app's stable URL serves (migration 0012); null = not published. */
  published_version_id: ColumnType<string | null, string | null | undefined, string | null>;
  published_at: NullableTimestamp;
}

/** A one-time sign-in code for (person, app) on the app's origin: only its SHA-256 is stored. */
export interface AppOriginCodesTable {
  id: Generated<string>;
  code_hash: string;
  user_id: string;
  app_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  /** The builder session that asked for the code (null: an access token did). */
  builder_session_id: string | null;
}

/** A session on one app's origin (never the builder's): only the SHA-256 of its token is stored. */
export interface AppOriginSessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  app_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  /** Revoked with it: signing out of the builder ends the app sessions it started. */
  builder_session_id: string | null;
}

export interface JobsTable {
  id: Generated<string>;
  app_id: string;
  /** Who started the job; access goes through the app's workspace (queries/access.ts). */
  owner_id: string;
  kind: JobKind;
  status: JobStatus;
  request: string;
  base_version_id: string | null;
  version_id: string | null;
  open_question_id: string | null;
  readiness: Generated<number>;
  error: NullableJson<unknown>;
  usage: ColumnType<unknown, string | undefined, string>;
  last_seq: Generated<number>;
  turn: Generated<number>;
  turn_input: ColumnType<unknown, string | undefined, string>;
  generation_run: Generated<number>;
  /** The blueprint draft (core's `Blueprint`), validated when read; null before the first turn. */
  blueprint: NullableJson<unknown>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface QuestionsTable {
  id: Generated<string>;
  job_id: string;
  number: number;
  text: string;
  why: string;
  kind: 'single' | 'multi' | 'text';
  options: Json<unknown>;
  assumption_if_skipped: string;
  topic: string | null;
  status: 'open' | 'answered' | 'skipped';
  answer: NullableJson<unknown>;
  /** Which blueprint decision it asks about and what each option / the skip changes (core's `QuestionDecision`). */
  decision: NullableJson<unknown>;
  created_at: CreatedAt;
  answered_at: NullableTimestamp;
}

export interface LedgerFactsTable {
  id: string;
  job_id: string;
  position: number;
  kind: 'goal' | 'requirement' | 'ui' | 'unknown' | 'assumption';
  text: string;
  source_kind: 'request' | 'answer' | 'skip' | 'edit';
  source_question_id: string | null;
  topic: string | null;
  created_at: CreatedAt;
}

export interface JobEventsTable {
  job_id: string;
  seq: number;
  type: string;
  data: Json<unknown>;
  at: CreatedAt;
}

export interface VersionsTable {
  id: Generated<string>;
  app_id: string;
  number: number;
  job_id: string | null;
  generation_run: number | null;
  status: Generated<string>;
  request: string;
  ledger: Json<unknown>;
  plan: Json<unknown>;
  /** What this version was built from (core's `Blueprint`); null for versions older than blueprints. */
  blueprint: NullableJson<unknown>;
  /** The acceptance checks it was verified with (core's `Check[]`); `status` says if all passed. */
  checks: ColumnType<unknown, string | undefined, string>;
  restored_from_version_id: string | null;
  created_at: CreatedAt;
}

export interface VersionFilesTable {
  version_id: string;
  path: string;
  content: string;
}

export interface WorkerHeartbeatsTable {
  worker_id: string;
  process_label: string;
  started_at: CreatedAt;
  last_seen_at: Timestamp;
  /** The Chromium this worker verifies generated apps with; null when it has none (builds fail). */
  verifier_browser: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An app's records (migration 0011): per entity, per dataset ('live' or 'preview:<versionId>'). */
export interface AppRecordsTable {
  id: Generated<string>;
  app_id: string;
  dataset: string;
  entity_id: string;
  /** Field id → value, as the compiled app keys them (core's data-store validates writes). */
  values: Json<Record<string, unknown>>;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A dataset seeded once (a version's preview data starts as its sample records). */
export interface AppDatasetsTable {
  app_id: string;
  dataset: string;
  created_at: CreatedAt;
}

export interface AppRecordAuditTable {
  id: Generated<number>;
  record_id: string;
  app_id: string;
  dataset: string;
  entity_id: string;
  actor_id: string | null;
  action: 'create' | 'update' | 'delete';
  before: NullableJson<Record<string, unknown>>;
  after: NullableJson<Record<string, unknown>>;
  at: CreatedAt;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  access_tokens: AccessTokensTable;
  workspaces: WorkspacesTable;
  workspace_members: WorkspaceMembersTable;
  workspace_invites: WorkspaceInvitesTable;
  apps: AppsTable;
  app_origin_codes: AppOriginCodesTable;
  app_origin_sessions: AppOriginSessionsTable;
  jobs: JobsTable;
  questions: QuestionsTable;
  ledger_facts: LedgerFactsTable;
  job_events: JobEventsTable;
  versions: VersionsTable;
  version_files: VersionFilesTable;
  worker_heartbeats: WorkerHeartbeatsTable;
  app_records: AppRecordsTable;
  app_record_audit: AppRecordAuditTable;
  app_datasets: AppDatasetsTable;
}

export type UserRow = Selectable<UsersTable>;
export type AppRow = Selectable<AppsTable>;
export type WorkspaceRow = Selectable<WorkspacesTable>;
export type JobRow = Selectable<JobsTable>;
export type NewJob = Insertable<JobsTable>;
export type QuestionRow = Selectable<QuestionsTable>;
export type VersionRow = Selectable<VersionsTable>;
