import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { Room, type RoomHooks, type RoomSocket } from '../../server/collab/room';
import { writeUpdate } from '../../server/collab/messages';
import {
  DeniedReason,
  MESSAGE_AUTH,
  MESSAGE_SYNC,
  SYNC_UPDATE,
} from '../../server/collab/protocol';
import { CloseCode } from '../../shared/closeCodes';

/** A socket that records what the room sends and how it closes. */
class FakeSocket implements RoomSocket {
  frames: Uint8Array[] = [];
  closedWith: number | undefined;
  send(frame: Uint8Array) {
    this.frames.push(frame);
  }
  close(code: number) {
    this.closedWith = code;
  }
  /** The updates received, decoded. */
  updates(): Uint8Array[] {
    return this.frames.flatMap((frame) => {
      const d = decoding.createDecoder(frame);
      if (decoding.readVarUint(d) !== MESSAGE_SYNC || decoding.readVarUint(d) !== SYNC_UPDATE)
        return [];
      return [decoding.readVarUint8Array(d)];
    });
  }
  /** The permission-denied reasons received. */
  denials(): string[] {
    return this.frames.flatMap((frame) => {
      const d = decoding.createDecoder(frame);
      if (decoding.readVarUint(d) !== MESSAGE_AUTH) return [];
      decoding.readVarUint(d);
      return [decoding.readVarString(d)];
    });
  }
}

/** A room over an empty document, with hooks that record what happened. */
function makeRoom(final = false) {
  const applied: { userId: string | null }[] = [];
  const left: boolean[] = [];
  let rejected = 0;
  const hooks: RoomHooks = {
    applied: (_u, userId) => applied.push({ userId }),
    rejected: () => rejected++,
    left: (_peer, last) => left.push(last),
  };
  const room = new Room('doc-1', new Y.Doc(), { final, hooks });
  return { room, applied, left, rejected: () => rejected };
}

/** An update typing `text` into a fresh document's text `t`. */
function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getText('t').insert(0, text);
  return update;
}

describe('Room', () => {
  it('applies an editor’s update and relays it to the others, not back to its sender', () => {
    const { room, applied } = makeRoom();
    const editor = new FakeSocket();
    const other = new FakeSocket();
    room.join(editor, { userId: 'u1', mayEdit: true });
    room.join(other, { userId: 'u2', mayEdit: false });
    room.receive(editor, writeUpdate(typed('halo')));
    expect(room.doc.getText('t').toString()).toBe('halo');
    expect(other.updates()).toHaveLength(1);
    expect(editor.updates()).toHaveLength(0);
    expect(applied).toEqual([{ userId: 'u1' }]);
    room.destroy();
  });

  it('refuses a reader’s update, relays nothing, and tells it once', () => {
    const { room, applied, rejected } = makeRoom();
    const reader = new FakeSocket();
    const other = new FakeSocket();
    room.join(reader, { userId: 'u2', mayEdit: false });
    room.join(other, { userId: 'u1', mayEdit: true });
    room.receive(reader, writeUpdate(typed('x')));
    room.receive(reader, writeUpdate(typed('y')));
    expect(room.doc.getText('t').toString()).toBe('');
    expect(other.updates()).toHaveLength(0);
    expect(applied).toHaveLength(0);
    expect(rejected()).toBe(2);
    expect(reader.denials()).toEqual([DeniedReason.readOnlyRole]);
    expect(reader.closedWith).toBeUndefined();
    room.destroy();
  });

  it('locks editors out once finalised and tells them', () => {
    const { room } = makeRoom();
    const editor = new FakeSocket();
    room.join(editor, { userId: 'u1', mayEdit: true });
    room.finalize();
    expect(editor.denials()).toEqual([DeniedReason.final]);
    room.receive(editor, writeUpdate(typed('x')));
    expect(room.doc.getText('t').toString()).toBe('');
    room.destroy();
  });

  it('closes only the sender of a malformed frame and keeps the document', () => {
    const { room, left } = makeRoom();
    const good = new FakeSocket();
    const bad = new FakeSocket();
    room.join(good, { userId: 'u1', mayEdit: true });
    room.join(bad, { userId: 'u2', mayEdit: true });
    room.receive(good, writeUpdate(typed('tetap')));
    room.receive(bad, new Uint8Array([0, 2, 4, 1, 2, 250, 250]));
    expect(bad.closedWith).toBe(CloseCode.invalidPayload);
    expect(good.closedWith).toBeUndefined();
    expect(room.size).toBe(1);
    expect(left).toEqual([false]);
    expect(room.doc.getText('t').toString()).toBe('tetap');
    room.destroy();
  });

  it('attributes a server change to its user and relays it to everyone', () => {
    const { room, applied } = makeRoom(false);
    const socket = new FakeSocket();
    room.join(socket, { userId: 'u2', mayEdit: false });
    room.change('u1', (doc) => doc.getText('t').insert(0, 'dari server'));
    expect(socket.updates()).toHaveLength(1);
    expect(applied).toEqual([{ userId: 'u1' }]);
    room.leave(socket);
    room.leave(socket);
    room.destroy();
  });

  it('holds edits back during a check, then applies them in order, or refuses them once final', () => {
    const { room, applied } = makeRoom();
    const editor = new FakeSocket();
    room.join(editor, { userId: 'u1', mayEdit: true });
    room.holdEdits();
    room.receive(editor, writeUpdate(typed('halo')));
    expect(room.doc.getText('t').toString()).toBe('');
    room.resumeEdits(false);
    expect(room.doc.getText('t').toString()).toBe('halo');
    expect(applied).toEqual([{ userId: 'u1' }]);

    room.holdEdits();
    room.receive(editor, writeUpdate(typed('lagi')));
    room.resumeEdits(true);
    expect(room.doc.getText('t').toString()).toBe('halo');
    expect(room.final).toBe(true);
    expect(editor.denials()).toEqual([DeniedReason.final]);
    expect(applied).toHaveLength(1);
    room.destroy();
  });
});
