// The test Postgres URL that vitest.global-setup.ts provides to every test file.
declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

export {};
