// Proctor ↔ student messages of a sitting.
import type { ChatMessage } from '@emtihan/protocol';
import type { Db } from '../db/database.ts';

export class ChatRepo {
  constructor(private readonly db: Db) {}

  async insert(m: Omit<ChatMessage, 'authorName'>): Promise<void> {
    await this.db
      .insertInto('chat_messages')
      .values({
        id: m.id,
        session_id: m.sessionId,
        author_id: m.authorId,
        author_role: m.authorRole,
        body: m.body,
        technical: m.technical ? 1 : 0,
        created_at: m.createdAt,
      })
      .execute();
  }

  /** Oldest first (the order they were written), with each author's name. */
  async listBySession(sessionId: string, limit = 500): Promise<ChatMessage[]> {
    const rows = await this.db
      .selectFrom('chat_messages')
      .innerJoin('users', 'users.id', 'chat_messages.author_id')
      .selectAll('chat_messages')
      .select('users.full_name')
      .where('chat_messages.session_id', '=', sessionId)
      .orderBy('chat_messages.created_at')
      .orderBy('chat_messages.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      authorId: r.author_id,
      authorRole: r.author_role as ChatMessage['authorRole'],
      authorName: r.full_name,
      body: r.body,
      technical: r.technical === 1,
      createdAt: r.created_at,
    }));
  }
}
