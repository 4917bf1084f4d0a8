// Registering LMS platforms (by the admin screen and by `npm run lti -- add-platform`).
import { randomUUID } from 'node:crypto';
import type {
  AddLtiPlatformBody,
  LtiLinkedCourseView,
  LtiPlatformView,
  LtiToolSettings,
} from '@emtihan/protocol';
import type { LtiLinkRepo } from '../repositories/lti-link.repo.ts';
import type { LtiPlatformRepo } from '../repositories/lti-platform.repo.ts';
import type { Clock } from '../services/clock.ts';
import { ok, type Result } from '../services/result.ts';
import type { LtiKeyService } from './lti-keys.service.ts';

export class LtiPlatformService {
  constructor(
    private readonly platforms: LtiPlatformRepo,
    private readonly keys: LtiKeyService,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    private readonly links?: LtiLinkRepo,
  ) {}

  /** Courses that LMS contexts map to, for "sync roster now". */
  async linkedCourses(): Promise<LtiLinkedCourseView[]> {
    return ((await this.links?.linkedCourses()) ?? []).map(({ nrpsUrl, ...c }) => ({
      ...c,
      rosterService: nrpsUrl !== null,
    }));
  }

  list(): Promise<LtiPlatformView[]> {
    return this.platforms.list();
  }

  /** The URLs the LMS admin pastes into the LMS. */
  toolSettings(): LtiToolSettings {
    const u = this.publicUrl;
    return {
      toolUrl: `${u}/lti/launch`,
      loginUrl: `${u}/lti/login`,
      redirectUris: [`${u}/lti/launch`, `${u}/lti/deep-link`],
      jwksUrl: `${u}/lti/jwks`,
      deepLinkUrl: `${u}/lti/deep-link`,
    };
  }

  /**
   * Registers the platform; the same issuer and client id again adds the deployment and takes
   * the new endpoint URLs. `created` tells which happened.
   */
  async register(b: AddLtiPlatformBody): Promise<Result<LtiPlatformView & { created: boolean }>> {
    const existing = (await this.platforms.findByIssuer(b.issuer, b.clientId))[0];
    const p = {
      id: existing?.id ?? randomUUID(),
      issuer: b.issuer,
      clientId: b.clientId,
      deploymentIds: [...new Set([...(existing?.deploymentIds ?? []), b.deploymentId])],
      authUrl: b.authUrl,
      tokenUrl: b.tokenUrl,
      jwksUrl: b.jwksUrl,
    };
    if (existing) await this.platforms.update(p);
    else await this.platforms.create(p, this.clock.now().toISOString());
    await this.keys.ensureActiveKey();
    return ok({ ...p, created: !existing });
  }
}
