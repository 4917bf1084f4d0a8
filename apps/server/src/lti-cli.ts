// `npm run lti -- <command>`: register LMS platforms and manage the tool's keys from a shell.
//   add-platform --issuer URL --client-id ID --deployment-id ID --auth-url URL --token-url URL --jwks-url URL
//   list-platforms
//   rotate-key [--overlap-days N]
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrate, openDatabase } from './db/database.ts';
import { LtiKeyService } from './lti/lti-keys.service.ts';
import { LtiKeyVault } from './lti/lti-key-vault.ts';
import type { LtiPlatformView } from '@emtihan/protocol';
import { LtiPlatformService } from './lti/lti-platform.service.ts';
import { LtiPlatformRepo } from './repositories/lti-platform.repo.ts';
import { systemClock, type Clock } from './services/clock.ts';

const USAGE = `usage: npm run lti -- add-platform --issuer URL --client-id ID --deployment-id ID \\
         --auth-url URL --token-url URL --jwks-url URL
       npm run lti -- list-platforms
       npm run lti -- rotate-key [--overlap-days 7]`;

/** What the Moodle admin pastes into Site administration > Plugins > External tool > Manage tools. */
export function moodleSettings(publicUrl: string): string {
  return [
    `Tool URL:                    ${publicUrl}/lti/launch`,
    'LTI version:                 LTI 1.3',
    'Public key type:             Keyset URL',
    `Public keyset (keyset URL):  ${publicUrl}/lti/jwks`,
    `Initiate login URL:          ${publicUrl}/lti/login`,
    'Redirection URI(s):          ' + `${publicUrl}/lti/launch`,
    '                             ' + `${publicUrl}/lti/deep-link`,
    `Content Selection URL:       ${publicUrl}/lti/deep-link   (tick "Supports Deep Linking")`,
    'Services:                    IMS LTI Assignment and Grade Services: "Use this service for grade sync and column management";',
    '                             IMS LTI Names and Role Provisioning: "Use this service to retrieve members\' information"',
    "Privacy:                     share launcher's name and e-mail: Always",
    `Default launch container:    New window (or embed, and add the Moodle origin to FRAME_ANCESTORS)`,
  ].join('\n');
}

const url = (name: string, v: string | undefined): string => {
  if (!v) throw new UsageError(`--${name} is required`);
  try {
    const u = new URL(v);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error();
  } catch {
    throw new UsageError(`--${name} must be an http(s) URL (got ${v})`);
  }
  return v;
};

class UsageError extends Error {}

export async function runLtiCli(
  argv: string[],
  config: Config,
  out: (line: string) => void = console.log,
  clock: Clock = systemClock,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'deployment-id': { type: 'string', multiple: true },
      'auth-url': { type: 'string' },
      'token-url': { type: 'string' },
      'jwks-url': { type: 'string' },
      'overlap-days': { type: 'string' },
    },
  });
  const command = positionals[0];
  const { db } = openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
  });
  try {
    await migrate(db, config.DATABASE_SCHEMA);
    const platforms = new LtiPlatformRepo(db);
    const keys = new LtiKeyService(platforms, clock, LtiKeyVault.fromConfig(config));
    await keys.sealPlainKeys();
    if (command === 'add-platform') {
      const issuer = url('issuer', values.issuer);
      const clientId = values['client-id'];
      if (!clientId) throw new UsageError('--client-id is required');
      const deploymentIds = values['deployment-id'] ?? [];
      if (deploymentIds.length === 0) throw new UsageError('--deployment-id is required');
      const input = {
        issuer,
        clientId,
        authUrl: url('auth-url', values['auth-url']),
        tokenUrl: url('token-url', values['token-url']),
        jwksUrl: url('jwks-url', values['jwks-url']),
      };
      const service = new LtiPlatformService(platforms, keys, clock, config.PUBLIC_URL);
      let last: LtiPlatformView | undefined;
      let created = false;
      for (const deploymentId of deploymentIds) {
        const r = await service.register({ ...input, deploymentId });
        if (!r.ok) throw new UsageError(r.message);
        last = r.value;
        created ||= r.value.created;
      }
      out(
        `${created ? 'Registered' : 'Updated'} platform ${issuer} (client ${clientId}); deployments: ${last!.deploymentIds.join(', ')}`,
      );
      out('');
      out(
        'Paste into Moodle (Site administration > Plugins > Activity modules > External tool > Manage tools):',
      );
      out(moodleSettings(config.PUBLIC_URL));
      return 0;
    }
    if (command === 'list-platforms') {
      for (const p of await platforms.list())
        out(
          `${p.issuer}  client ${p.clientId}  deployments ${p.deploymentIds.join(',')}  jwks ${p.jwksUrl}`,
        );
      return 0;
    }
    if (command === 'rotate-key') {
      const days = Number(values['overlap-days'] ?? 7);
      if (!Number.isFinite(days) || days < 0)
        throw new UsageError('--overlap-days must be a number ≥ 0');
      const r = await keys.rotate(days);
      out(`New signing key ${r.kid}; older keys stay published until ${r.retireAt}`);
      return 0;
    }
    throw new UsageError(command ? `unknown command ${command}` : 'missing command');
  } catch (e) {
    if (e instanceof UsageError) {
      out(`${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] === import.meta.filename) {
  try {
    process.exitCode = await runLtiCli(process.argv.slice(2), loadConfig());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exitCode = 2;
    } else throw e;
  }
}
