import baseConfig from './playwright.config.ts';
export default {
  ...baseConfig,
  reporter: 'list',
  webServer: undefined,
  use: { ...baseConfig.use, baseURL: 'http://127.0.0.1:5190' },
};
