import type { ActorRole } from './actor.types.ts';

/**
 * One row of a session machine's table: the states an event may come in, the states it may
 * lead to, who may send it, and the conditions in words. The machines are driven by their
 * table, so rendering it documents what the code does.
 */
export interface TransitionRow<Status extends string, EventType extends string> {
  event: EventType;
  from: readonly Status[];
  to: readonly Status[];
  actors: readonly ActorRole[];
  reasonRequired: boolean;
  guard: string;
}

/** The table as Markdown, for the README and the examiner's help page. */
export function renderTransitionTable<S extends string, E extends string>(
  rows: readonly TransitionRow<S, E>[],
): string {
  const lines = [
    '| event | from | to | actors | reason | conditions |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const cells = [
      r.event,
      r.from.join(', '),
      r.to.join(', '),
      r.actors.join(', '),
      r.reasonRequired ? 'required' : '',
      r.guard,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
