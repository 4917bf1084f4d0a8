// The state of one student's sitting: the exam, the session as the server last said, the
// device clock's offset to the server's, and the realtime socket that says when to refetch.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExamView, SecondCameraStatus, SessionCommand, SessionView } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { clockOffset } from './written-flow.rules';
import { watchSession } from './session.socket';
import { createWrittenApi, type WrittenApi } from './written.api';

export interface Notice {
  id: number;
  key: string;
  params: Record<string, string | number>;
}

export type WrittenExamState =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; exam: ExamView; view: SessionView };

export interface WrittenExam {
  load: WrittenExamState;
  api: WrittenApi;
  /** Server time = device time + offset (ms). */
  offset: number;
  /** The realtime socket is connected and watching this session. */
  connected: boolean;
  notices: Notice[];
  dismissNotice(id: number): void;
  refresh(): Promise<void>;
  /** Sends a command; the new view replaces the old. Throws ApiError with the reason. */
  command(command: SessionCommand): Promise<SessionView>;
  /** Adopt a view received elsewhere (after an upload). */
  adopt(view: SessionView): void;
  /** Called whenever the connection comes back (socket reconnect, browser online). */
  onReconnect(listener: () => void): () => void;
  /** The sitting's phone camera (ADR 0023), as the server last told; null where none is used. */
  secondCamera: SecondCameraStatus | null;
  setSecondCamera(status: SecondCameraStatus): void;
}

export function useWrittenExam(examId: string): WrittenExam {
  const { api: client } = useSession();
  const api = useMemo(() => createWrittenApi(client), [client]);
  const [load, setLoad] = useState<WrittenExamState>({ state: 'loading' });
  const [offset, setOffset] = useState(0);
  const [connected, setConnected] = useState(false);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [secondCamera, setSecondCamera] = useState<SecondCameraStatus | null>(null);
  const reconnectListeners = useRef(new Set<() => void>());
  const latestVersion = useRef<SessionView | null>(null);
  const noticeId = useRef(0);

  const adopt = useCallback((view: SessionView) => {
    setOffset(clockOffset(view.serverNow, Date.now()));
    // Answers may cross (a refetch started before a command, answered after it): never go
    // back to an older state of the session.
    const known = latestVersion.current?.state.lastEventAt ?? 0;
    if ((view.state.lastEventAt ?? 0) < known) return;
    latestVersion.current = view;
    setLoad((l) => (l.state === 'ready' ? { ...l, view } : l));
  }, []);

  // First load: the exam (for its settings and rules) and the student's own sitting.
  useEffect(() => {
    let live = true;
    Promise.all([client.call('listExams'), api.mySession(examId)]).then(
      ([list, view]) => {
        if (!live) return;
        const exam = list.exams.find((e) => e.id === examId);
        if (!exam) return setLoad({ state: 'failed', error: new Error('not-found') });
        setOffset(clockOffset(view.serverNow, Date.now()));
        latestVersion.current = view;
        setLoad({ state: 'ready', exam, view });
      },
      (error: unknown) => live && setLoad({ state: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [api, client, examId]);

  const sessionId = load.state === 'ready' ? load.view.sessionId : null;

  const refresh = useCallback(async () => {
    const id = latestVersion.current?.sessionId;
    if (!id) return;
    try {
      adopt(await api.getSession(id));
    } catch {
      // Offline or restarting: the next reconnect refetches.
    }
  }, [api, adopt]);

  useEffect(() => {
    if (!sessionId) return;
    const fireReconnect = () => {
      for (const l of reconnectListeners.current) l();
    };
    const stop = watchSession(sessionId, {
      onChanged: () => void refresh(),
      onNotice: (key, params) =>
        setNotices((n) => [...n.slice(-4), { id: ++noticeId.current, key, params }]),
      onConnection: (up) => {
        setConnected(up);
        if (up) fireReconnect();
      },
      onSecondCamera: setSecondCamera,
    });
    const online = () => {
      fireReconnect();
      void refresh();
    };
    window.addEventListener('online', online);
    return () => {
      stop();
      window.removeEventListener('online', online);
    };
  }, [sessionId, refresh]);

  const command = useCallback(
    async (cmd: SessionCommand) => {
      const id = latestVersion.current?.sessionId;
      if (!id) throw new Error('no session');
      const view = await api.command(id, cmd);
      adopt(view);
      return view;
    },
    [api, adopt],
  );

  const onReconnect = useCallback((listener: () => void) => {
    reconnectListeners.current.add(listener);
    return () => reconnectListeners.current.delete(listener);
  }, []);

  const dismissNotice = useCallback(
    (id: number) => setNotices((n) => n.filter((x) => x.id !== id)),
    [],
  );

  return {
    load,
    api,
    offset,
    connected,
    notices,
    dismissNotice,
    refresh,
    command,
    adopt,
    onReconnect,
    secondCamera,
    setSecondCamera,
  };
}
