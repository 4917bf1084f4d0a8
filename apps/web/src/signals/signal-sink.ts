// The one door through which the student's page reports what it observes: browser moments
// (tab hidden, screen share ended, camera off, ...) and detector results (faces, head pose,
// objects, speech). Producers push a signal without its time; the sink stamps it on server
// time, keeps it in the outbox until the server acknowledges it, and attaches the evidence
// (a small JPEG) where one is given.
import { createContext, use } from 'react';
import type { Signal } from '@emtihan/domain';

/** A signal as a producer reports it: the sink adds `at` (server time). */
export type SignalInput = Signal extends infer S
  ? S extends Signal
    ? Omit<S, 'at'>
    : never
  : never;

export interface SignalSink {
  /** Record one observation now; `evidence` is a small JPEG of the moment, if the producer has one. */
  push(signal: SignalInput, evidence?: Blob): void;
}

/** Drops everything: outside a sitting (previews, system check) nothing is reported. */
export const noSignalSink: SignalSink = { push() {} };

export const SignalSinkContext = createContext<SignalSink>(noSignalSink);

export function useSignalSink(): SignalSink {
  return use(SignalSinkContext);
}
