import { startTestPostgres } from '@app/db/testing';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres(process.env.TEST_DATABASE_URL);
  project.provide('databaseServerUrl', postgres.url);
  return async () => {
    await postgres.stop();
  };
}
