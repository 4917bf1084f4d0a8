// Fan-out of the live console's events through Socket.IO rooms (works across nodes with the
// Redis adapter): chat messages to the student's pages and the exam's staff; a take-over to
// the staff, and the previous proctor's media connections are cut.
import { SOCKET_EVENT, type ServerMessage } from '@emtihan/protocol';
import type { Server } from 'socket.io';
import type { AssignmentNotifier } from '../services/assignment.service.ts';
import type { ChatNotifier } from '../services/chat.service.ts';
import type { RtcHandlers } from './rtc.handlers.ts';
import { examStaffRoom, userRoom } from './socket.ts';

export function liveNotifiers(io: Server, rtc: RtcHandlers) {
  const chat: ChatNotifier = {
    posted(message, session) {
      io.to(userRoom(session.studentId))
        .to(examStaffRoom(session.examId))
        .emit(SOCKET_EVENT, { type: 'chat-message', message } satisfies ServerMessage);
    },
  };
  const assignment: AssignmentNotifier = {
    async reassigned(a, previousProctorId) {
      await rtc.revokeViewer(a.sessionId, previousProctorId);
      io.to(examStaffRoom(a.examId)).emit(SOCKET_EVENT, {
        type: 'assignment-changed',
        sessionId: a.sessionId,
        proctorId: a.proctorId,
      } satisfies ServerMessage);
    },
  };
  return { chat, assignment };
}
