// What vitest.global-setup.ts provides to every test file.
declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The test cluster's superuser URL. Only `createTestDatabase` should use it (cloning needs
     * CREATEDB and CREATEROLE); tests talk to their clone through `TestDatabase.url` / `.db`, as
     * an app role.
     */
    databaseServerUrl: string;
  }
}

export {};
