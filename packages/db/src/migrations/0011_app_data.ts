import type { Kysely } from 'kysely';

// Frozen once shipped: never edit a migration that has shipped; add a new one.
// Reserved for issue 12; filled in by the slice that owns it before it ships.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
