import { createContext, use, useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PublicConfig, UserView } from '@emtihan/protocol';
import { ApiError, createApiClient, type ApiClient } from '../api/client';
import { currentLanguage, storedLanguage, storeLanguage } from '../i18n/i18n';
import type { Language } from '../i18n/languages';

/** Why the login page is shown again to someone who was logged in. */
export type SessionEnd = 'expired' | 'revoked' | 'logged-out' | 'everywhere';

export interface Session {
  api: ApiClient;
  config: PublicConfig;
  user: UserView | null;
  /** Why the last session ended, shown on the login page; null once someone logs in. */
  ended: SessionEnd | null;
  language: Language;
  login(login: string, password: string): Promise<UserView>;
  logout(): Promise<void>;
  /** Ends every session of this person on every device, this one included. */
  logoutEverywhere(): Promise<void>;
  changeLanguage(language: Language): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The logged-in person; only for pages behind <RequireUser>. */
export function useUser(): UserView {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a logged-in user');
  return user;
}

type Boot =
  | { state: 'loading' }
  | { state: 'unreachable'; error: ApiError }
  | { state: 'ready'; config: PublicConfig };

interface SessionProviderProps {
  children: ReactNode;
  /** Shown until the public configuration and the session are known. */
  loading: ReactNode;
  /** Shown when the server cannot be reached at start. */
  unreachable: (retry: () => void) => ReactNode;
}

/**
 * Knows the university's public configuration and who is logged in; logs in and out,
 * keeps the language, and follows the realtime socket for revoked sessions.
 */
export function SessionProvider({ children, loading, unreachable }: SessionProviderProps) {
  const navigate = useNavigate();
  const { i18n } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [user, setUser] = useState<UserView | null>(null);
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const [language, setLanguage] = useState<Language>(() => currentLanguage(i18n));

  const [api] = useState(() => createApiClient());

  const endSession = useCallback(
    (reason: SessionEnd) => {
      setUser(null);
      setEnded(reason);
      void navigate('/login', { replace: true });
    },
    [navigate],
  );
  useEffect(() => api.onUnauthenticated(() => endSession('expired')), [api, endSession]);

  const applyLanguage = useCallback(
    (next: Language) => {
      void i18n.changeLanguage(next);
      setLanguage(next);
    },
    [i18n],
  );

  // Learns the university's configuration and whether this browser is logged in; again on retry.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    Promise.all([
      api.call('publicConfig'),
      // Answers a logged-out visitor with `user: null`: no failed request on a first visit.
      api.call('whoAmI'),
    ]).then(
      ([config, me]) => {
        if (!current) return;
        setUser(me.user);
        applyLanguage(storedLanguage() ?? me.user?.language ?? config.defaultLanguage);
        setBoot({ state: 'ready', config });
      },
      (error: unknown) => {
        if (!current) return;
        const apiError =
          error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
        setBoot({ state: 'unreachable', error: apiError });
      },
    );
    return () => {
      current = false;
    };
  }, [api, applyLanguage, attempt]);

  const retry = useCallback(() => {
    setBoot({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const userId = user?.id;
  useEffect(() => {
    if (!userId) return;
    // The realtime client loads once someone is logged in: the login page does without it.
    let disconnect: (() => void) | null = null;
    let left = false;
    void import('../realtime/socket').then(
      ({ connectRealtime }) => {
        if (left) return;
        disconnect = connectRealtime({
          onSessionRevoked: (by) => {
            api.forgetSession();
            endSession(by === 'self' ? 'everywhere' : 'revoked');
          },
        });
      },
      () => {
        // Not loaded (the network failed): no push when the session is revoked elsewhere; the
        // next call to the server still finds it revoked and ends it here.
      },
    );
    return () => {
      left = true;
      disconnect?.();
    };
  }, [api, userId, endSession]);

  const login = useCallback(
    async (loginName: string, password: string) => {
      const me = await api.call('login', { body: { login: loginName, password } });
      // A language picked by hand on this device wins over the account's preference.
      applyLanguage(storedLanguage() ?? me.user.language);
      setUser(me.user);
      setEnded(null);
      return me.user;
    },
    [api, applyLanguage],
  );

  const logout = useCallback(async () => {
    try {
      await api.call('logout');
    } catch {
      // The session may already be gone; the person still leaves.
    }
    api.forgetSession();
    endSession('logged-out');
  }, [api, endSession]);

  const logoutEverywhere = useCallback(async () => {
    await api.call('logoutEverywhere');
    api.forgetSession();
    endSession('everywhere');
  }, [api, endSession]);

  const changeLanguage = useCallback(
    (next: Language) => {
      storeLanguage(next);
      applyLanguage(next);
      if (user && user.language !== next) {
        api
          .call('updateMe', { body: { language: next } })
          .then((me) => setUser(me.user))
          .catch(() => {
            // Not saved on the account; this device still remembers the choice.
          });
      }
    },
    [api, applyLanguage, user],
  );

  const value = useMemo<Session | null>(
    () =>
      boot.state === 'ready'
        ? {
            api,
            config: boot.config,
            user,
            ended,
            language,
            login,
            logout,
            logoutEverywhere,
            changeLanguage,
          }
        : null,
    [api, boot, user, ended, language, login, logout, logoutEverywhere, changeLanguage],
  );

  if (boot.state === 'loading') return loading;
  if (boot.state === 'unreachable') return unreachable(retry);
  return <SessionContext value={value}>{children}</SessionContext>;
}
