// Where a student's launch lands: on the exam's own flow, written or oral.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginLogin, postLaunch, startLtiWorld, type LtiWorld } from './lti-world.ts';

let w: LtiWorld;
beforeAll(async () => {
  w = await startLtiWorld();
});
afterAll(() => w.close());

/** A student's launch for the exam; returns where the one-time hand-off sends the browser. */
async function landing(examId: string): Promise<string> {
  const spec = { user: '101', custom: { exam_id: examId } };
  const { state, nonce } = await beginLogin(w, spec);
  const r = await postLaunch(w, {
    id_token: await w.moodle.sign(w.moodle.claims(spec, nonce)),
    state,
  });
  expect(r.status).toBe(303);
  const handoff = await fetch(`${w.publicUrl}${r.location}`, { redirect: 'manual' });
  return new URL(handoff.headers.get('location')!, w.publicUrl).pathname;
}

describe("a student's launch lands in the exam's flow", () => {
  it('a written exam opens the written-exam page', async () => {
    expect(await landing(w.examId)).toBe(`/student/exams/${w.examId}`);
  });

  it("an oral exam opens the oral exam's page (slot, system check, waiting room)", async () => {
    const exams = (await w.admin.call('listExams')).body.exams as { id: string; kind: string }[];
    const oral = exams.find((e) => e.kind === 'oral')!;
    expect(await landing(oral.id)).toBe(`/student/oral/${oral.id}`);
  });
});
