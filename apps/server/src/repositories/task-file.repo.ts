// All SQL about the files of an exam's task (the bytes are in the BlobStore).
import type { TaskFileView } from '@emtihan/protocol';
import type { Db } from '../db/database.ts';

export interface StoredTaskFile extends TaskFileView {
  examId: string;
  blobKey: string;
}

export class TaskFileRepo {
  constructor(private readonly db: Db) {}

  async insert(f: StoredTaskFile, createdBy: string): Promise<void> {
    await this.db
      .insertInto('exam_task_files')
      .values({
        id: f.id,
        exam_id: f.examId,
        name: f.name,
        content_type: f.contentType,
        size: f.size,
        sha256: f.sha256,
        blob_key: f.blobKey,
        created_by: createdBy,
        created_at: f.createdAt,
      })
      .execute();
  }

  async list(examId: string): Promise<StoredTaskFile[]> {
    const rows = await this.db
      .selectFrom('exam_task_files')
      .selectAll()
      .where('exam_id', '=', examId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      examId: r.exam_id,
      name: r.name,
      contentType: r.content_type,
      size: Number(r.size),
      sha256: r.sha256,
      blobKey: r.blob_key,
      createdAt: r.created_at,
    }));
  }

  async find(examId: string, fileId: string): Promise<StoredTaskFile | undefined> {
    return (await this.list(examId)).find((f) => f.id === fileId);
  }

  async remove(examId: string, fileId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('exam_task_files')
      .where('exam_id', '=', examId)
      .where('id', '=', fileId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
