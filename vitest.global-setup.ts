import { startTestPostgres } from '@app/db/testing';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres(process.env.TEST_DATABASE_URL);
  // The superuser's URL, for createTestDatabase only: each test file gets a clone and an
  // unprivileged role of its own from it.
  project.provide('databaseServerUrl', postgres.adminUrl);
  return async () => {
    await postgres.stop();
  };
}
