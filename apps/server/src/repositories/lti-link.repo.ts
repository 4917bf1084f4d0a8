// All SQL about what LTI identifiers mean here: platform users -> users, contexts -> courses,
// resource links -> exams (with their AGS line item and NRPS URL).
import type { Db } from '../db/database.ts';
import type { LtiLinksTable } from '../db/schema.ts';

export interface LtiLink {
  id: string;
  platformId: string;
  contextId: string;
  /** '' for the context's own row. */
  resourceLinkId: string;
  courseId: string;
  examId: string | null;
  lineItemUrl: string | null;
  nrpsUrl: string | null;
}

export class LtiLinkRepo {
  constructor(private readonly db: Db) {}

  async findUser(issuer: string, sub: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('lti_users')
      .select('user_id')
      .where('issuer', '=', issuer)
      .where('sub', '=', sub)
      .executeTakeFirst();
    return r?.user_id;
  }

  async addUser(issuer: string, sub: string, userId: string, now: string): Promise<void> {
    await this.db
      .insertInto('lti_users')
      .values({ issuer, sub, user_id: userId, created_at: now })
      .execute();
  }

  /** The platform identity of a user (for grade return). */
  async subOf(userId: string, issuer: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('lti_users')
      .select('sub')
      .where('user_id', '=', userId)
      .where('issuer', '=', issuer)
      .executeTakeFirst();
    return r?.sub;
  }

  async find(
    platformId: string,
    contextId: string,
    resourceLinkId: string,
  ): Promise<LtiLink | undefined> {
    const r = await this.db
      .selectFrom('lti_links')
      .selectAll()
      .where('platform_id', '=', platformId)
      .where('context_id', '=', contextId)
      .where('resource_link_id', '=', resourceLinkId)
      .executeTakeFirst();
    return r && toLink(r);
  }

  /** Inserts the link, or updates its exam, line item and NRPS URL when it exists. */
  async upsert(l: LtiLink, now: string): Promise<void> {
    await this.db
      .insertInto('lti_links')
      .values({
        id: l.id,
        platform_id: l.platformId,
        context_id: l.contextId,
        resource_link_id: l.resourceLinkId,
        course_id: l.courseId,
        exam_id: l.examId,
        line_item_url: l.lineItemUrl,
        nrps_url: l.nrpsUrl,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['platform_id', 'context_id', 'resource_link_id']).doUpdateSet({
          exam_id: l.examId,
          line_item_url: l.lineItemUrl,
          nrps_url: l.nrpsUrl,
          updated_at: now,
        }),
      )
      .execute();
  }

  /** The LMS contexts mapped to a course (usually one). */
  async contextsOfCourse(courseId: string): Promise<LtiLink[]> {
    const rows = await this.db
      .selectFrom('lti_links')
      .selectAll()
      .where('course_id', '=', courseId)
      .where('resource_link_id', '=', '')
      .orderBy('created_at')
      .execute();
    return rows.map(toLink);
  }

  /** Every LMS context mapped to a course, with the course's title and the platform's issuer. */
  async linkedCourses(): Promise<
    {
      courseId: string;
      courseTitle: string;
      issuer: string;
      contextId: string;
      nrpsUrl: string | null;
    }[]
  > {
    return this.db
      .selectFrom('lti_links')
      .innerJoin('courses', 'courses.id', 'lti_links.course_id')
      .innerJoin('lti_platforms', 'lti_platforms.id', 'lti_links.platform_id')
      .select([
        'lti_links.course_id as courseId',
        'courses.title as courseTitle',
        'lti_platforms.issuer as issuer',
        'lti_links.context_id as contextId',
        'lti_links.nrps_url as nrpsUrl',
      ])
      .where('lti_links.resource_link_id', '=', '')
      .orderBy('courses.title')
      .execute();
  }

  /** Links that carry a line item for the exam: where its grades go. */
  async gradeTargets(examId: string): Promise<LtiLink[]> {
    const rows = await this.db
      .selectFrom('lti_links')
      .selectAll()
      .where('exam_id', '=', examId)
      .where('line_item_url', 'is not', null)
      .orderBy('created_at')
      .execute();
    return rows.map(toLink);
  }
}

function toLink(r: LtiLinksTable): LtiLink {
  return {
    id: r.id,
    platformId: r.platform_id,
    contextId: r.context_id,
    resourceLinkId: r.resource_link_id,
    courseId: r.course_id,
    examId: r.exam_id,
    lineItemUrl: r.line_item_url,
    nrpsUrl: r.nrps_url,
  };
}
