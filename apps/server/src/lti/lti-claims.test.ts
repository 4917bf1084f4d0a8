import { describe, expect, it } from 'vitest';
import { mapRoles, scoresUrl } from './lti-claims.ts';
import { pickLanguage } from './lti.messages.ts';

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership';
const MENTOR = `${M}#Mentor`;

describe('LTI roles become Emtihan roles', () => {
  it.each([
    [[`${M}#Learner`], ['student'], ['student']],
    [[`${M}#Instructor`], ['examiner'], ['examiner']],
    [
      [
        `${M}#Instructor`,
        'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
      ],
      ['examiner', 'admin'],
      ['examiner'],
    ],
    [[`${M}/Instructor#TeachingAssistant`], ['proctor'], ['proctor']],
    [[MENTOR], ['proctor'], ['proctor']],
    [['Learner'], ['student'], ['student']],
    [[`${M}#ContentDeveloper`], [], []],
  ])('%j -> account %j, enrolment %j', (lti, account, enrolment) => {
    expect(mapRoles(lti, [MENTOR])).toEqual({ account, enrolment });
  });

  it('takes the proctor role from configuration, as a full URI or a short name', () => {
    expect(mapRoles([`${M}#Mentor`], ['Grader']).account).toEqual([]);
    expect(mapRoles(['http://example.edu/roles#Grader'], ['Grader']).account).toEqual(['proctor']);
  });
});

describe('the scores URL of a line item', () => {
  it("puts /scores before Moodle's ?type_id= query", () => {
    expect(scoresUrl('https://m.kz/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1')).toBe(
      'https://m.kz/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1',
    );
  });
  it('appends /scores to a line item without a query or with a trailing slash', () => {
    expect(scoresUrl('https://lms.example/li/7/')).toBe('https://lms.example/li/7/scores');
  });
});

describe('the language of LTI pages', () => {
  it.each([
    ['ru-RU', undefined, 'ru'],
    ['en_US', 'kk', 'en'],
    [undefined, 'fr-FR,ru;q=0.8', 'ru'],
    [undefined, undefined, 'kk'],
    ['de', 'de', 'kk'],
  ])('locale %s, Accept-Language %s -> %s', (locale, accept, lang) => {
    expect(pickLanguage(locale, accept)).toBe(lang);
  });
});
