import { type BuilderClient, createBuilderClient } from './client.ts';
import { type CookieJar, createCookieJar } from './cookie-jar.ts';

export interface Credentials {
  email: string;
  password: string;
}

export interface CookieSession {
  client: BuilderClient;
  /** Holds the session cookie the server set; pass it to other clients to share the session. */
  jar: CookieJar;
  user: { id: string; email: string };
}

/** Signs in with email and password and returns a client that carries the session cookie. */
export async function signInWithCookie(url: string, credentials: Credentials): Promise<CookieSession> {
  const jar = createCookieJar();
  const client = createBuilderClient({ url, cookie: jar });
  const { user } = await client.auth.signIn.mutate(credentials);
  if (!jar.value) throw new Error('The builder answered the sign-in without a session cookie');
  return { client, jar, user };
}

/** Creates an account (signed in at once) and returns a client that carries its session cookie. */
export async function signUpWithCookie(url: string, credentials: Credentials): Promise<CookieSession> {
  const jar = createCookieJar();
  const client = createBuilderClient({ url, cookie: jar });
  const { user } = await client.auth.signUp.mutate(credentials);
  if (!jar.value) throw new Error('The builder answered the sign-up without a session cookie');
  return { client, jar, user };
}
