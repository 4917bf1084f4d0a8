// Helmet's security headers, worked out once at startup. @fastify/helmet builds helmet's
// middleware anew for every request (parsing the content security policy each time, a few
// percent of an upload's CPU); the headers depend on the options only, so they are taken from
// one response of a throwaway instance with the same options and set as they are on every reply.
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { ZOD_ONLY } from './route.ts';

/** Headers of a bare Fastify reply, not helmet's. */
const OWN = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

export async function helmetHeaders(
  options: FastifyHelmetOptions,
): Promise<Record<string, string>> {
  const probe = Fastify({ schemaController: ZOD_ONLY });
  try {
    await probe.register(helmet, options);
    probe.get('/', async () => 'probe');
    const r = await probe.inject({ method: 'GET', url: '/' });
    return Object.fromEntries(
      Object.entries(r.headers)
        .filter(([name, value]) => !OWN.has(name) && value !== undefined)
        .map(([name, value]) => [name, String(value)]),
    );
  } finally {
    await probe.close();
  }
}

/**
 * Sets helmet's headers (as `@fastify/helmet` with these options would) on every reply, and
 * HSTS on requests that arrived over TLS.
 */
export async function installSecurityHeaders(
  app: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    if (req.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    done();
  });
}
