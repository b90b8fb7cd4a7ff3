import os from 'node:os';
import path from 'node:path';

/** Everything the CLI takes from its environment; read here and in main.ts only. */
export interface CliEnv {
  /** `APP_BUILDER_URL`: the builder to talk to, unless `--url` says otherwise. */
  url: string | null;
  /** `APP_BUILDER_TOKEN`: a personal access token, for CI where no config file exists. */
  token: string | null;
  /** Where `login` keeps `{ url, token }`: `$XDG_CONFIG_HOME/app-builder/config.json` or `~/.config/…`. */
  configPath: string;
}

export function readCliEnv(env: NodeJS.ProcessEnv): CliEnv {
  const configHome = env.XDG_CONFIG_HOME?.trim() || path.join(env.HOME?.trim() || os.homedir(), '.config');
  return {
    url: env.APP_BUILDER_URL?.trim() || null,
    token: env.APP_BUILDER_TOKEN?.trim() || null,
    configPath: path.join(configHome, 'app-builder', 'config.json'),
  };
}
