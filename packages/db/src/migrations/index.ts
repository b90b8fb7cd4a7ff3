import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_worker_verifier.ts';
import * as m0003 from './0003_rate_limits.ts';
import * as m0006 from './0006_blueprints.ts';
import * as m0007 from './0007_question_decisions.ts';
import * as m0008 from './0008_version_checks.ts';
import * as m0009 from './0009_access_tokens.ts';
import * as m0010 from './0010_workspaces.ts';
import * as m0011 from './0011_app_data.ts';
import * as m0012 from './0012_publishing.ts';
import * as m0013 from './0013_app_sessions_follow_sign_out.ts';

/** Every migration, in order. Listed explicitly so bundlers and tsx need no directory scan. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_worker_verifier': m0002,
  '0003_rate_limits': m0003,
  '0006_blueprints': m0006,
  '0007_question_decisions': m0007,
  '0008_version_checks': m0008,
  '0009_access_tokens': m0009,
  '0010_workspaces': m0010,
  '0011_app_data': m0011,
  '0012_publishing': m0012,
  '0013_app_sessions_follow_sign_out': m0013,
};
