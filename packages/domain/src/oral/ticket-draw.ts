import type { Refusal } from '../common/result.types.ts';
import { refuse } from '../common/result.types.ts';
import { nextRandom, normalizeSeed } from './seeded.prng.ts';

// A type alias (not an interface) so that it is a JSON value for audit payloads.
export type TicketDrawRecord = {
  studentId: string;
  ticketId: string;
  /** 1 for the slot's first draw. */
  drawNumber: number;
};

/**
 * The draw of oral-exam tickets for one slot: plain JSON. The same seed, tickets and order of
 * students always give the same tickets, so the audit (which records the seed) can replay it.
 */
export interface TicketDrawState {
  slotId: string;
  seed: number;
  prngState: number;
  ticketIds: string[];
  draws: TicketDrawRecord[];
}

export type CreateTicketDrawResult =
  { ok: true; state: TicketDrawState } | Refusal<'no-tickets' | 'duplicate-ticket'>;

export function createTicketDraw(input: {
  slotId: string;
  seed: number;
  ticketIds: readonly string[];
}): CreateTicketDrawResult {
  if (input.ticketIds.length === 0) return refuse('no-tickets');
  if (new Set(input.ticketIds).size !== input.ticketIds.length) return refuse('duplicate-ticket');
  const seed = normalizeSeed(input.seed);
  return {
    ok: true,
    state: {
      slotId: input.slotId,
      seed,
      prngState: seed,
      ticketIds: [...input.ticketIds],
      draws: [],
    },
  };
}

export type TicketDrawResult =
  | { ok: true; state: TicketDrawState; draw: TicketDrawRecord; seed: number }
  | Refusal<'already-drawn'>;

/**
 * Draws a ticket for a student, uniformly among the tickets drawn least often in this slot: no
 * two students get the same ticket while unused tickets remain, and once all are used the next
 * round starts evenly.
 */
export function drawTicket(state: TicketDrawState, studentId: string): TicketDrawResult {
  if (state.draws.some((d) => d.studentId === studentId)) return refuse('already-drawn');
  const uses = new Map<string, number>(state.ticketIds.map((id) => [id, 0]));
  for (const d of state.draws) uses.set(d.ticketId, (uses.get(d.ticketId) ?? 0) + 1);
  const fewest = Math.min(...uses.values());
  const candidates = state.ticketIds.filter((id) => uses.get(id) === fewest);
  const step = nextRandom(state.prngState);
  const ticketId = candidates[Math.floor(step.value * candidates.length)]!;
  const draw = { studentId, ticketId, drawNumber: state.draws.length + 1 };
  return {
    ok: true,
    state: { ...state, prngState: step.state, draws: [...state.draws, draw] },
    draw,
    seed: state.seed,
  };
}

/** Replays a slot's draws from its seed: what the audit uses to check a recorded draw. */
export function replayTicketDraw(
  seed: number,
  ticketIds: readonly string[],
  studentOrder: readonly string[],
): TicketDrawRecord[] {
  const created = createTicketDraw({ slotId: 'replay', seed, ticketIds });
  if (!created.ok) return [];
  let state = created.state;
  for (const studentId of studentOrder) {
    const result = drawTicket(state, studentId);
    if (result.ok) state = result.state;
  }
  return state.draws;
}
