// Proctor ↔ student chat of a sitting (ADR 0007): stored first, then delivered to the student's
// pages and the exam's staff. The student may mark a message as a technical failure; it is also
// written to the audit chain, so a reviewer sees "reported: my camera froze" next to the work.
import { randomUUID } from 'node:crypto';
import type { ChatMessage, UserView } from '@emtihan/protocol';
import type { ChatRepo } from '../repositories/chat.repo.ts';
import type { SessionRepo } from '../repositories/session.repo.ts';
import type { AssignmentService } from './assignment.service.ts';
import type { Clock } from './clock.ts';
import { ok, refuse, type Result } from './result.ts';

export interface ChatNotifier {
  posted(message: ChatMessage, session: { studentId: string; examId: string }): void;
}

export class ChatService {
  constructor(
    private readonly deps: {
      sessions: SessionRepo;
      chat: ChatRepo;
      assignments: AssignmentService;
      clock: Clock;
      notifier: ChatNotifier;
    },
  ) {}

  async list(sessionId: string, caller: UserView): Promise<Result<{ messages: ChatMessage[] }>> {
    const s = await this.deps.sessions.findById(sessionId);
    if (!s) return refuse('not-found', 'no such session');
    const role = await this.deps.assignments.chatRole(s, caller.id);
    // Reading is open to every proctor and examiner of the exam (examiners read everything).
    if (!role.ok && role.detail !== 'not-assigned') return role;
    return ok({ messages: await this.deps.chat.listBySession(sessionId) });
  }

  async post(
    sessionId: string,
    caller: UserView,
    body: { body: string; technical?: boolean | undefined },
  ): Promise<Result<ChatMessage>> {
    const { sessions, chat, assignments, clock, notifier } = this.deps;
    const s = await sessions.findById(sessionId);
    if (!s) return refuse('not-found', 'no such session');
    const role = await assignments.chatRole(s, caller.id);
    if (!role.ok) return role;
    if (role.value === 'examiner')
      return refuse('forbidden', 'examiners read the chat; the proctor writes');
    const now = clock.now();
    const message: ChatMessage = {
      id: randomUUID(),
      sessionId,
      authorId: caller.id,
      authorRole: role.value,
      authorName: caller.fullName,
      body: body.body,
      technical: role.value === 'student' && body.technical === true,
      createdAt: now.toISOString(),
    };
    await chat.insert(message);
    if (message.technical)
      await sessions.appendAudit(sessionId, [
        {
          at: now.getTime(),
          actor: { role: 'student', userId: caller.id },
          type: 'technical-failure-reported',
          payload: { messageId: message.id, text: message.body },
        },
      ]);
    notifier.posted(message, s);
    return ok(message);
  }
}
