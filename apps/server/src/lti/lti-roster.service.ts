// NRPS roster sync: the LMS course's members become enrolments, with the names the LMS holds
// (the roster names that check-in compares against). Run after each instructor launch and on
// demand. Members who are no longer active are left as they are (never unenrolled here).
import type { LtiLinkRepo } from '../repositories/lti-link.repo.ts';
import type { LtiPlatformRepo } from '../repositories/lti-platform.repo.ts';
import type { Clock } from '../services/clock.ts';
import { ok, refuse, type Result } from '../services/result.ts';
import type { LtiAccounts } from './lti-accounts.ts';
import { mapRoles, obj, str } from './lti-claims.ts';
import type { LtiTokenClient } from './lti-token.client.ts';

export const NRPS_SCOPE =
  'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
const NRPS_ACCEPT = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
const MAX_PAGES = 200;

export interface LtiRosterDeps {
  platforms: LtiPlatformRepo;
  links: LtiLinkRepo;
  accounts: LtiAccounts;
  tokens: LtiTokenClient;
  clock: Clock;
  proctorRoles: string[];
  fetch?: typeof fetch;
}

export class LtiRosterService {
  private readonly fetch: typeof fetch;
  constructor(private readonly d: LtiRosterDeps) {
    this.fetch = d.fetch ?? globalThis.fetch;
  }

  /** Re-syncs every LMS context mapped to the course (the admin's "sync roster now"). */
  async syncCourse(courseId: string): Promise<Result<{ members: number; enrolled: number }>> {
    const contexts = (await this.d.links.contextsOfCourse(courseId)).filter((l) => l.nrpsUrl);
    if (contexts.length === 0)
      return refuse('not-found', 'the course has no roster service from its LMS');
    const total = { members: 0, enrolled: 0 };
    for (const c of contexts) {
      const r = await this.syncContext(c.platformId, c.contextId);
      if (!r.ok) return r;
      total.members += r.value.members;
      total.enrolled += r.value.enrolled;
    }
    return ok(total);
  }

  async syncContext(
    platformId: string,
    contextId: string,
  ): Promise<Result<{ members: number; enrolled: number }>> {
    const link = await this.d.links.find(platformId, contextId, '');
    const platform = await this.d.platforms.findById(platformId);
    if (!link?.nrpsUrl || !platform)
      return refuse('not-found', 'the course has no roster service from its LMS');
    const token = await this.d.tokens.accessToken(platform, NRPS_SCOPE);
    let url: string | undefined = link.nrpsUrl;
    let members = 0;
    let enrolled = 0;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const res: Response = await this.fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: NRPS_ACCEPT },
      });
      if (!res.ok) return refuse('refused', `roster service answered ${res.status}`);
      const body = obj(await res.json());
      const now = this.d.clock.now().toISOString();
      for (const m of Array.isArray(body.members) ? body.members.map(obj) : []) {
        members++;
        const sub = str(m.user_id);
        if (!sub || (m.status !== undefined && m.status !== 'Active')) continue;
        const roles = mapRoles(
          Array.isArray(m.roles) ? m.roles.map(String) : [],
          this.d.proctorRoles,
        );
        if (roles.enrolment.length === 0) continue;
        const fullName =
          str(m.name)?.trim() ||
          [str(m.given_name), str(m.family_name)].filter(Boolean).join(' ').trim() ||
          undefined;
        const userId = await this.d.accounts.upsert(
          platform.issuer,
          { sub, fullName, email: str(m.email) ?? null },
          roles,
          now,
        );
        await this.d.accounts.enrol(link.courseId, userId, roles, now);
        enrolled++;
      }
      url = nextLink(res.headers.get('link'));
    }
    return ok({ members, enrolled });
  }
}

/** The `rel="next"` URL of an HTTP Link header. */
export function nextLink(header: string | null): string | undefined {
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>\s*;.*\brel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}
