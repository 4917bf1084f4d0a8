import type { Refusal } from '../common/result.types.ts';
import { refuse } from '../common/result.types.ts';
import { nextRandom, normalizeSeed } from './seeded.prng.ts';

// A type alias (not an interface) so that it is a JSON value for audit payloads.
export type TicketDrawRecord = {
  studentId: string;
  /** With ticket pools: the picks joined by `+` (one ticket of each pool, in pool order). */
  ticketId: string;
  /** 1 for the slot's first draw. */
  drawNumber: number;
  /** With ticket pools: the ticket drawn from each pool, in pool order. */
  picks?: string[];
  /**
   * With the committee rule: the tickets other slots of the committee had drawn at this draw's
   * moment (each counted as a use), so the audit can replay it.
   */
  usedElsewhere?: string[];
};

/**
 * The draw of oral-exam tickets for one slot: plain JSON. The same seed, tickets and order of
 * students always give the same tickets, so the audit (which records the seed) can replay it.
 */
export interface TicketDrawState {
  slotId: string;
  seed: number;
  prngState: number;
  /** Every ticket (with pools: every pool's, in pool order). */
  ticketIds: string[];
  /** Ticket pools ("Theory", "Practice"): one ticket is drawn from each. Absent: one list. */
  pools?: string[][];
  draws: TicketDrawRecord[];
}

export type CreateTicketDrawResult =
  { ok: true; state: TicketDrawState } | Refusal<'no-tickets' | 'duplicate-ticket'>;

/** Ticket ids of pools are joined by this in a draw's `ticketId`: it may not occur in them. */
export const PICK_SEPARATOR = '+';

export function createTicketDraw(
  input: { slotId: string; seed: number } & (
    | { ticketIds: readonly string[]; pools?: undefined }
    | { pools: readonly (readonly string[])[]; ticketIds?: undefined }
  ),
): CreateTicketDrawResult {
  const all = input.pools ? input.pools.flat() : [...input.ticketIds];
  if (all.length === 0 || (input.pools?.some((p) => p.length === 0) ?? false))
    return refuse('no-tickets');
  if (new Set(all).size !== all.length || all.some((id) => id.includes(PICK_SEPARATOR)))
    return refuse('duplicate-ticket');
  const seed = normalizeSeed(input.seed);
  return {
    ok: true,
    state: {
      slotId: input.slotId,
      seed,
      prngState: seed,
      ticketIds: all,
      ...(input.pools ? { pools: input.pools.map((p) => [...p]) } : {}),
      draws: [],
    },
  };
}

export type TicketDrawResult =
  | { ok: true; state: TicketDrawState; draw: TicketDrawRecord; seed: number }
  | Refusal<'already-drawn'>;

/**
 * Draws a ticket for a student (with pools: one from each pool, in pool order, one PRNG step
 * each), uniformly among the tickets drawn least often: no two students get the same ticket while
 * unused tickets remain, and once all are used the next round starts evenly. `usedElsewhere`
 * (the committee rule: tickets drawn in the committee's other slots) counts as uses too, so the
 * whole committee avoids repeats while it can.
 */
export function drawTicket(
  state: TicketDrawState,
  studentId: string,
  usedElsewhere: readonly string[] = [],
): TicketDrawResult {
  if (state.draws.some((d) => d.studentId === studentId)) return refuse('already-drawn');
  const uses = new Map<string, number>(state.ticketIds.map((id) => [id, 0]));
  const count = (id: string) => {
    const n = uses.get(id);
    if (n !== undefined) uses.set(id, n + 1);
  };
  for (const d of state.draws) (d.picks ?? [d.ticketId]).forEach(count);
  const elsewhere = [...new Set(usedElsewhere.filter((id) => uses.has(id)))].sort();
  usedElsewhere.forEach(count);
  let prngState = state.prngState;
  const picks = (state.pools ?? [state.ticketIds]).map((pool) => {
    const fewest = Math.min(...pool.map((id) => uses.get(id)!));
    const candidates = pool.filter((id) => uses.get(id) === fewest);
    const step = nextRandom(prngState);
    prngState = step.state;
    return candidates[Math.floor(step.value * candidates.length)]!;
  });
  const draw: TicketDrawRecord = {
    studentId,
    ticketId: picks.join(PICK_SEPARATOR),
    drawNumber: state.draws.length + 1,
    ...(state.pools ? { picks } : {}),
    ...(elsewhere.length ? { usedElsewhere: elsewhere } : {}),
  };
  return {
    ok: true,
    state: { ...state, prngState, draws: [...state.draws, draw] },
    draw,
    seed: state.seed,
  };
}

/** Replays a slot's draws from its seed: what the audit uses to check a recorded draw. */
export function replayTicketDraw(
  seed: number,
  ticketIds: readonly string[],
  studentOrder: readonly string[],
  opts: {
    pools?: readonly (readonly string[])[];
    /** Per draw (in order): what the committee's other slots had drawn (the draw records it). */
    usedElsewhere?: readonly (readonly string[] | undefined)[];
  } = {},
): TicketDrawRecord[] {
  const created = opts.pools
    ? createTicketDraw({ slotId: 'replay', seed, pools: opts.pools })
    : createTicketDraw({ slotId: 'replay', seed, ticketIds });
  if (!created.ok) return [];
  let state = created.state;
  studentOrder.forEach((studentId, i) => {
    const result = drawTicket(state, studentId, opts.usedElsewhere?.[i] ?? []);
    if (result.ok) state = result.state;
  });
  return state.draws;
}
