// The real signal sink of a sitting (ADR 0006): stamps each signal with server time, keeps it
// in the IndexedDB outbox, and sends batches over the socket until the server acknowledges
// them. While `active` (from "Join meeting" on) it also collects the browser's own signals.
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import type { Signal } from '@emtihan/domain';
import { SOCKET_EVENT, type ClientAck } from '@emtihan/protocol';
import { MediaProvider, type MediaNeeds } from '../media/media.context';
import { createBreakQuiet } from '../detection/break-quiet';
import { BrowserSignals, type BrowserSignalOptions } from './browser-signals';
import { idbSignalStore, openSignalDb } from './signal.idb';
import {
  memorySignalStore,
  outcomeOf,
  SignalOutbox,
  type SignalStore,
  type SignalTransport,
} from './signal.outbox';
import { noSignalSink, SignalSinkContext, type SignalInput, type SignalSink } from './signal-sink';

export interface SignalSinkProviderProps extends BrowserSignalOptions {
  sessionId: string;
  /** Server time minus device time, in ms (the page keeps it from every response). */
  offset: number;
  active: boolean;
  /**
   * The student is on a rest break: what tells only of leaving is kept back until it ends
   * (`detection/break-quiet.ts`).
   */
  onBreak?: boolean;
  children: ReactNode;
}

/**
 * The sitting's camera, microphone and screen (MediaProvider) with the signal sink inside, so
 * the browser's signals see the same streams as the screens.
 */
export function SittingProviders({
  signalsActive,
  media,
  ...props
}: Omit<SignalSinkProviderProps, 'active'> & { signalsActive: boolean; media?: MediaNeeds }) {
  return (
    <MediaProvider needs={media}>
      <SignalSinkProvider {...props} active={signalsActive} />
    </MediaProvider>
  );
}

export function SignalSinkProvider(props: SignalSinkProviderProps) {
  const { active, children } = props;
  return active ? (
    <ActiveSink {...props} />
  ) : (
    <SignalSinkContext value={noSignalSink}>{children}</SignalSinkContext>
  );
}

function ActiveSink({
  sessionId,
  offset,
  requireFullscreen,
  watchClipboard,
  watchFocus,
  onBreak = false,
  children,
}: SignalSinkProviderProps) {
  const offsetRef = useRef(offset);
  useEffect(() => {
    offsetRef.current = offset;
  }, [offset]);
  const onBreakRef = useRef(onBreak);
  const quiet = useRef(createBreakQuiet());
  const outbox = useRef<SignalOutbox | null>(null);
  const early = useRef<[Signal, Blob | null][]>([]);

  useEffect(() => {
    let closed = false;
    const socket = io({ withCredentials: true });
    const transport: SignalTransport = {
      async send(batch) {
        if (!socket.connected) return { kind: 'retry' };
        const ack = (await socket.timeout(10_000).emitWithAck(SOCKET_EVENT, batch)) as ClientAck;
        return outcomeOf(ack);
      },
    };
    socket.on('connect', () => outbox.current?.flush());
    void (async () => {
      let store: SignalStore;
      let firstSeq = 0;
      try {
        store = idbSignalStore(await openSignalDb());
      } catch {
        // Without IndexedDB: numbers that cannot repeat an earlier page's.
        store = memorySignalStore();
        firstSeq = Date.now();
      }
      if (closed) return;
      const box = new SignalOutbox({
        sessionId,
        store,
        transport,
        firstSeq,
        onDropped: (reason) => console.warn('signal batch refused:', reason),
      });
      outbox.current = box;
      for (const [signal, evidence] of early.current) void box.push(signal, evidence);
      early.current = [];
      box.flush();
    })();
    return () => {
      closed = true;
      outbox.current?.close();
      outbox.current = null;
      socket.disconnect();
    };
  }, [sessionId]);

  const sink = useMemo<SignalSink & { release(): void }>(() => {
    const send = (input: SignalInput, evidence: Blob | null) => {
      const signal = { ...input, at: Math.round(Date.now() + offsetRef.current) } as Signal;
      if (outbox.current) void outbox.current.push(signal, evidence);
      else early.current.push([signal, evidence]);
    };
    return {
      push(input: SignalInput, evidence?: Blob) {
        const passed = quiet.current.pass(input, onBreakRef.current);
        if (passed) send(passed, evidence ?? null);
      },
      release() {
        for (const held of quiet.current.release()) send(held, null);
      },
    };
  }, []);
  // When the break ends, where each kept-back condition stands is sent, stamped now.
  useEffect(() => {
    onBreakRef.current = onBreak;
    if (!onBreak) sink.release();
  }, [onBreak, sink]);

  return (
    <SignalSinkContext value={sink}>
      <BrowserSignals
        requireFullscreen={requireFullscreen}
        watchClipboard={watchClipboard}
        watchFocus={watchFocus}
      />
      {children}
    </SignalSinkContext>
  );
}
