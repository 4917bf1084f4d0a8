import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ZOD_ONLY } from './route.ts';

describe('ZOD_ONLY', () => {
  it('refuses to start a server whose route brings a JSON schema instead of zod', async () => {
    const app = Fastify({ schemaController: ZOD_ONLY });
    app.post('/x', { schema: { body: { type: 'object' } } }, async () => 'ok');
    await expect(app.ready()).rejects.toThrow(/validate with zod/);
    await app.close();
  });

  it('serves routes without JSON schemas as usual', async () => {
    const app = Fastify({ schemaController: ZOD_ONLY });
    app.post('/x', async (req) => ({ got: req.body }));
    const r = await app.inject({ method: 'POST', url: '/x', payload: { a: 1 } });
    expect(r.json()).toEqual({ got: { a: 1 } });
    await app.close();
  });
});
