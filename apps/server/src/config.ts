// The only reader of the environment. Every variable is validated and documented here, once;
// all problems are reported together at start-up.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

/** Each entry: the variable, its schema (with default), and one line for the README table. */
const vars = {
  PORT: {
    schema: z.coerce.number().int().min(0).max(65535).default(8080),
    doc: 'HTTP port (0 picks a free one).',
  },
  HOST: { schema: z.string().default('0.0.0.0'), doc: 'Interface to listen on.' },
  DATA_DIR: {
    schema: z.string().default('./data'),
    doc: 'Folder for the SQLite database file and evidence.',
  },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    doc: 'A postgres:// URL switches from the embedded SQLite to PostgreSQL.',
  },
  DATABASE_SCHEMA: {
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .optional(),
    doc: 'PostgreSQL schema to use (search_path); default: the server default (public).',
  },
  DEMO: {
    schema: bool.default(true),
    doc: 'Seed a labelled demo university into an empty database.',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'pino log level.',
  },
  UNIVERSITY_NAME: {
    schema: z.string().min(1).default('Demo University'),
    doc: 'Shown in the header of every page.',
  },
  SUPPORT_PHONE: {
    schema: z.string().min(1).default('+7 700 000 00 00'),
    doc: 'Technical support phone, shown on every page.',
  },
  SUPPORT_EMAIL: {
    schema: z.email().default('support@example.edu.kz'),
    doc: 'Technical support e-mail, shown on every page.',
  },
  TIME_ZONE: {
    schema: z
      .string()
      .default('Asia/Almaty')
      .refine((z) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: z });
          return true;
        } catch {
          return false;
        }
      }, 'an IANA time zone such as Asia/Almaty'),
    doc: "The university's time zone: exam times are entered and shown in it (IANA name).",
  },
  SESSION_TTL_HOURS: {
    schema: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    doc: 'Lifetime of a login session.',
  },
  LOGIN_RATE_LIMIT: {
    schema: z.coerce.number().int().positive().default(10),
    doc: 'Login attempts allowed per login name per minute, from any address (ADR 0022).',
  },
  RATE_LIMIT_FACTOR: {
    schema: z.coerce.number().min(0).max(10_000).default(1),
    doc: 'Multiplies every rate limit (login, uploads, socket messages, pairing; ADR 0022): raise it for benches and drills that send a whole class from one address; 0 turns limits off (never in production).',
  },
  SERVER_DETECTION: {
    schema: bool.default(true),
    doc: 'Re-check flag evidence snapshots and compare check-in photos with ID photos on the server (one worker thread per node, models from npm; ADR 0009).',
  },
  TRUST_PROXY: {
    schema: bool.default(false),
    doc: 'Trust X-Forwarded-* from a reverse proxy (TLS termination; enables HSTS and Secure cookies there).',
  },
  FRAME_ANCESTORS: {
    schema: z.string().default("'self'"),
    doc: 'CSP frame-ancestors: origins allowed to embed Emtihan (for example an LMS), space separated.',
  },
  WEB_DIST: {
    schema: z.string().optional(),
    doc: 'Folder of the built web app; default apps/web/dist of this checkout.',
  },
  PUBLIC_URL: {
    schema: z
      .url()
      .transform((u) => u.replace(/\/+$/, ''))
      .default('http://localhost:8080'),
    doc: 'The address users and LMSs reach Emtihan at; LTI URLs (launch, keyset, redirects) are built from it.',
  },
  LTI_PROCTOR_ROLE: {
    schema: z.string().min(1).default('http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor'),
    doc: 'LTI role (full URI or short name, comma separated for several) that makes a launching user a proctor; TeachingAssistant roles do too.',
  },
  REDIS_URL: {
    schema: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    doc: 'A redis:// URL joins several server nodes: realtime rooms (flags, session changes) reach sockets on every node, and rate-limit counters are shared.',
  },
  REDIS_KEY_PREFIX: {
    schema: z.string().max(100).default('emtihan:'),
    doc: "Prefix of Emtihan's keys in Redis (the nodes' shared rate-limit counters): one per deployment when several share a Redis.",
  },
  LTI_KEY_SECRET: {
    schema: z.string().min(16).optional(),
    doc: "Secret that encrypts the tool's LTI private keys at rest (AES-256-GCM). Unset: a random key is generated once in DATA_DIR/lti-key-secret (keep that file with the database's backups).",
  },
  LTI_GRADE_RETRY_BASE_MS: {
    schema: z.coerce.number().int().positive().default(5000),
    doc: 'First wait before a grade the LMS did not take is sent again; each further wait doubles (6 attempts in all).',
  },
  SOCKET_PING_INTERVAL_MS: {
    schema: z.coerce.number().int().min(100).default(25_000),
    doc: "How often the server pings each browser's realtime connection (Socket.IO's pingInterval).",
  },
  SOCKET_PING_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(100).default(20_000),
    doc: 'A connection that does not answer a ping within this time is closed (pingTimeout); a silently lost network is noticed after interval + timeout, and dated from the last packet heard.',
  },
  RTC_STUN_URLS: {
    schema: z.string().optional(),
    doc: 'STUN servers for live video (`stun:host:port`, comma separated); none needed on one network.',
  },
  RTC_TURN_URLS: {
    schema: z.string().optional(),
    doc: 'TURN servers (`turn:host:3478?transport=udp`, `turns:…`, comma separated) for students behind strict NATs.',
  },
  RTC_TURN_SECRET: {
    schema: z.string().min(16).optional(),
    doc: "coturn's `static-auth-secret` (`use-auth-secret`): TURN credentials are signed with it and expire.",
  },
  RTC_TURN_TTL_SECONDS: {
    schema: z.coerce
      .number()
      .int()
      .min(60)
      .max(86_400)
      .default(4 * 3600),
    doc: 'Lifetime of the TURN credentials handed to a page (an exam page asks again before they expire).',
  },
  S3_BUCKET: {
    schema: z.string().min(3).max(63).optional(),
    doc: 'Store files (evidence, photos, attachments) in this S3-compatible bucket instead of DATA_DIR/blobs.',
  },
  S3_ENDPOINT: {
    schema: z.url().optional(),
    doc: 'S3 endpoint URL (MinIO, Ceph, …); default: AWS for S3_REGION.',
  },
  S3_REGION: { schema: z.string().min(1).default('us-east-1'), doc: 'S3 region.' },
  S3_ACCESS_KEY_ID: {
    schema: z.string().min(1).optional(),
    doc: "S3 access key; default: the AWS SDK's usual sources (environment, instance role).",
  },
  S3_SECRET_ACCESS_KEY: { schema: z.string().min(1).optional(), doc: 'S3 secret key.' },
  S3_FORCE_PATH_STYLE: {
    schema: bool.default(true),
    doc: 'Path-style S3 URLs (endpoint/bucket/key), needed by most self-hosted stores.',
  },
  S3_PREFIX: {
    schema: z
      .string()
      .regex(/^([A-Za-z0-9._-]+\/)*$/, 'empty or folder names ending in /')
      .default(''),
    doc: 'Prefix for every key in the bucket, e.g. `emtihan/`.',
  },
} as const;

type Vars = typeof vars;
export type Config = { [K in keyof Vars]: z.infer<Vars[K]['schema']> } & {
  webDist: string;
  dataDir: string;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, { schema }] of Object.entries(vars)) {
    const raw = env[name] === '' ? undefined : env[name];
    const r = (schema as z.ZodType).safeParse(raw);
    if (r.success) out[name] = r.data;
    else
      problems.push(
        `${name}: ${r.error.issues.map((i) => i.message).join('; ')} (got ${JSON.stringify(raw)})`,
      );
  }
  if (problems.length) throw new ConfigError(problems);
  const cfg = out as Omit<Config, 'webDist' | 'dataDir'>;
  const root = path.resolve(import.meta.dirname, '../../..');
  return {
    ...cfg,
    dataDir: path.resolve(cfg.DATA_DIR),
    webDist: path.resolve(cfg.WEB_DIST ?? path.join(root, 'apps/web/dist')),
  };
}

/** Markdown rows for the README's configuration table (`tsx src/config.ts --doc`). */
export function configTable(): string {
  return Object.entries(vars)
    .map(([name, v]) => {
      const d = (v.schema as z.ZodType).safeParse(undefined);
      const def = d.success && d.data !== undefined ? `\`${String(d.data)}\`` : '—';
      return `| \`${name}\` | ${def} | ${v.doc} |`;
    })
    .join('\n');
}

if (process.argv[1] === import.meta.filename && process.argv.includes('--doc')) {
  console.log(configTable());
}
