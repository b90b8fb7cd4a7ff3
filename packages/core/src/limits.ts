/*
 * The API's request limits (docs/architecture.md#limits): the server's input schemas enforce them,
 * the SPA's fields and the tRPC clients stay inside them. One definition, so the two can never
 * disagree on what a person may type.
 */

/** A request for a new app or a change. */
export const promptMaxLength = 8000;
/** The text of an answer to a question. */
export const answerMaxLength = 4000;
/** An app's name, given or derived from its request. */
export const appNameMaxLength = 80;
/** An option id in an answer, and how many options one answer may pick. */
export const optionIdMaxLength = 100;
export const maxOptionsPerAnswer = 20;

/** A workspace's name (the database checks the same bound, migration 0010). */
export const workspaceNameMaxLength = 100;

export const emailMaxLength = 254;
export const passwordMinLength = 8;
export const passwordMaxLength = 200;

/** tRPC calls per HTTP batch (the server refuses larger batches). */
export const maxBatchCalls = 10;
/** Request targets past this are refused with 414. */
export const maxRequestUrlLength = 8 * 1024;
/** Where a client splits a GET batch: well below `maxRequestUrlLength`, headroom for the path. */
export const clientBatchUrlLength = 6000;

/** A personal access token's name (docs/auth.md). */
export const tokenNameMaxLength = 100;
/** Live (unrevoked) personal access tokens one person may hold at once. */
export const maxActiveTokensPerUser = 50;
