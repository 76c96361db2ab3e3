import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  ProtocolError,
  readClientMessage,
  writeAwareness,
  writePermissionDenied,
  writeSyncStep1,
  writeSyncStep2,
  writeUpdate,
} from './messages';
import { CloseCode } from '../../shared/closeCodes';
import { DeniedReason } from './protocol';
import {
  answerQuery,
  newConnectionPresence,
  screenAwareness,
  type ClientIdHolder,
  type ConnectionPresence,
} from './presence';

/** The little a room needs of a connection; the WebSocket adapter implements it. */
export interface RoomSocket {
  /** Sends one binary frame; must not throw. */
  send(frame: Uint8Array): void;
  /** Closes the connection with a code from `CloseCode`; the adapter then calls `Room.leave`. */
  close(code: number, reason: string): void;
}

/** Who is behind a connection. */
export interface RoomPeer {
  userId: string;
  /** Whether the user's role allows changing the text (the document's state is the room's business). */
  mayEdit: boolean;
  /** The user's name, written into the awareness state it publishes (the user id when absent). */
  name?: string;
  /** The user's agency code, written into the awareness state beside the name. */
  agency?: string;
}

/** What the room tells its owner; persistence, attribution and unloading hang off these. */
export interface RoomHooks {
  /**
   * An update was applied: made by `userId`, or by the server when null. `remote` updates came
   * from another instance, which checked, stores and relays them; they are only relayed here.
   */
  applied(update: Uint8Array, userId: string | null, remote: boolean): void;
  /** The awareness of this instance's connections changed (not called for remote changes). */
  awareness?(update: Uint8Array): void;
  /** A change from `peer` was refused. */
  rejected(peer: RoomPeer): void;
  /** A connection of `peer` left; `last` when it was the room's last one. */
  left(peer: RoomPeer, last: boolean): void;
  /** A message broke the protocol; the connection is being closed. */
  protocolError?(peer: RoomPeer, error: Error): void;
  /** What a change of `peer` (null: stored text at load) brought outside the schema was repaired. */
  repaired?(peer: RoomPeer | null, kinds: string[]): void;
}

/**
 * Keeps the text inside its schema: runs the repairs due after transaction `tr` (the whole
 * document when null) as one transaction with `origin`, and returns what kinds it fixed.
 */
export type Normalizer = (doc: Y.Doc, tr: Y.Transaction | null, origin: unknown) => string[];

interface Member {
  socket: RoomSocket;
  peer: RoomPeer;
  /** Awareness client ids this connection controls, removed when it leaves. */
  clients: Set<number>;
  /** Whether it has been told that its changes are refused. */
  toldReadOnly: boolean;
  /** Its claimed awareness client id and query pacing; made on its first awareness message. */
  presence?: ConnectionPresence;
}

/** The origin of a change the server makes on behalf of a user. */
class ServerChange {
  constructor(readonly userId: string) {}
}

/** The origin of changes another instance applied and relayed. */
const REMOTE = Symbol('remote');

/** The origin of the server's repairs of text that did not fit the schema (stored as the server's). */
const REPAIR = Symbol('repair');

/**
 * One open document: its Y.Doc and awareness, shared by every connection to it. The room
 * speaks the protocol (protocol.ts) and enforces who may change the text; it knows nothing of
 * WebSockets or the database: sockets come in through `RoomSocket`, storage goes out through
 * `RoomHooks`.
 */
export class Room {
  /** The document's live state. */
  readonly doc: Y.Doc;
  /** Cursors and names of the people in the room; the server has no state of its own in it. */
  readonly awareness: awarenessProtocol.Awareness;
  private readonly members = new Map<RoomSocket, Member>();
  private readonly hooks: RoomHooks;
  private isFinal: boolean;
  /** Edits that arrived while held back (`holdEdits`), in order; undefined when not holding. */
  private heldBack: { member: Member; update: Uint8Array }[] | undefined;
  private readonly normalize: Normalizer | undefined;
  /** Local transactions not yet checked against the schema. */
  private unchecked: Y.Transaction[] = [];

  /** Opens a room over a loaded document; `final` locks the text from the start. */
  constructor(
    /** The document's id. */
    readonly documentId: string,
    doc: Y.Doc,
    options: { final: boolean; hooks: RoomHooks; normalize?: Normalizer },
  ) {
    this.doc = doc;
    this.hooks = options.hooks;
    this.normalize = options.normalize;
    this.isFinal = options.final;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onUpdate);
    this.doc.on('afterTransaction', this.onTransaction);
    this.awareness.on('update', this.onAwareness);
  }

  /** Repairs whatever of the loaded text does not fit the schema, once, as the server's change. */
  conformLoaded(): string[] {
    if (!this.normalize || this.isFinal) return [];
    const kinds = this.normalize(this.doc, null, REPAIR);
    if (kinds.length > 0) this.hooks.repaired?.(null, kinds);
    return kinds;
  }

  /** Whether the text is locked for everyone. */
  get final(): boolean {
    return this.isFinal;
  }

  /** Whether edits are being held back while the text is checked and finalised. */
  get holding(): boolean {
    return this.heldBack !== undefined;
  }

  /**
   * Holds back every edit from connections until `resumeEdits`, so a check of the text and the
   * commit that depends on it (the last approval) see the same text.
   */
  holdEdits(): void {
    this.heldBack ??= [];
  }

  /** Ends the hold: with `final` the text locks and held edits are refused, else they apply in order. */
  resumeEdits(final: boolean): void {
    const held = this.heldBack ?? [];
    this.heldBack = undefined;
    if (final) this.finalize();
    for (const { member, update } of held) {
      if (!this.members.has(member.socket)) continue;
      if (this.isFinal) this.refuse(member);
      else this.applyFrom(member, update);
    }
  }

  /** How many connections are in the room. */
  get size(): number {
    return this.members.size;
  }

  /** Whether any connection of `userId` is in the room. */
  hasUser(userId: string): boolean {
    for (const member of this.members.values()) if (member.peer.userId === userId) return true;
    return false;
  }

  /** Adds a connection and starts the sync: step 1 and the awareness states known so far. */
  join(socket: RoomSocket, peer: RoomPeer): void {
    this.members.set(socket, { socket, peer, clients: new Set(), toldReadOnly: false });
    socket.send(writeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      socket.send(
        writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])),
      );
    }
  }

  /** Handles one frame from a connection; a malformed one closes that connection only. */
  receive(socket: RoomSocket, frame: Uint8Array): void {
    const member = this.members.get(socket);
    if (!member) return;
    try {
      this.handle(member, frame);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const code = error instanceof ProtocolError ? error.code : CloseCode.invalidPayload;
      this.hooks.protocolError?.(member.peer, err);
      this.leave(socket);
      socket.close(code, err.message.slice(0, 120));
    }
  }

  /** Removes a connection and the awareness states it controlled; safe to call twice. */
  leave(socket: RoomSocket): void {
    const member = this.members.get(socket);
    if (!member) return;
    this.members.delete(socket);
    if (member.clients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...member.clients], null);
    }
    this.hooks.left(member.peer, this.members.size === 0);
  }

  /** Applies a server-made change as one update every connection receives, made by `userId`. */
  change(userId: string, change: (doc: Y.Doc) => void): void {
    this.doc.transact(() => change(this.doc), new ServerChange(userId));
    this.conformChanges(null);
  }

  /** Applies an update another instance applied (it checked the author): relayed to every connection, not stored. */
  applyRemote(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE);
  }

  /** Applies an awareness update of another instance's connections. */
  applyRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** Locks the text from now on and tells every connection that could edit. */
  finalize(): void {
    if (this.isFinal) return;
    this.isFinal = true;
    for (const member of this.members.values()) {
      if (!member.peer.mayEdit || member.toldReadOnly) continue;
      member.toldReadOnly = true;
      member.socket.send(writePermissionDenied(DeniedReason.final));
    }
  }

  /** Closes every connection with `code`. */
  closeAll(code: number, reason: string): void {
    // Each leaves when its adapter says the socket closed: a frame its client sent before the
    // closing handshake still arrives meanwhile, and is applied instead of dropped.
    for (const member of [...this.members.values()]) member.socket.close(code, reason);
  }

  /** Frees the document and awareness; the room is unusable afterwards. */
  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.doc.off('afterTransaction', this.onTransaction);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private handle(member: Member, frame: Uint8Array): void {
    const message = readClientMessage(frame);
    switch (message.kind) {
      case 'sync-step-1':
        member.socket.send(writeSyncStep2(this.doc, message.stateVector));
        return;
      case 'sync-step-2':
      case 'update':
        if (message.empty) return;
        if (!member.peer.mayEdit || this.isFinal) return this.refuse(member);
        if (this.heldBack) this.heldBack.push({ member, update: message.update });
        else this.applyFrom(member, message.update);
        return;
      case 'awareness':
        return this.receivePresence(member, message.update);
      case 'query-awareness': {
        // Each answer carries every state in the room: one per interval, the rest ignored.
        if (!answerQuery((member.presence ??= newConnectionPresence()), Date.now())) return;
        const ids = [...this.awareness.getStates().keys()];
        member.socket.send(
          writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)),
        );
        return;
      }
    }
  }

  /** Applies a connection's awareness update as presence.ts screens it: its own state only, named by the server. */
  private receivePresence(member: Member, update: Uint8Array): void {
    const presence = (member.presence ??= newConnectionPresence());
    const identity = {
      name: member.peer.name ?? member.peer.userId,
      agency: member.peer.agency ?? '',
    };
    const screened = screenAwareness(update, presence, identity, (id) => this.holderOf(member, id));
    if (screened.claimed !== undefined) {
      const id = screened.claimed;
      // A reconnect of the same user takes the id over, so the old socket's leaving keeps it.
      for (const other of this.members.values()) {
        if (other === member) continue;
        other.clients.delete(id);
        if (other.presence?.clientId === id) other.presence.clientId = undefined;
      }
      member.clients.add(id);
    }
    if (screened.update)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, screened.update, member);
  }

  /** Who holds an awareness client id, seen from `member`; ids of other instances count as taken. */
  private holderOf(member: Member, clientId: number): ClientIdHolder {
    if (clientId === this.awareness.clientID) return 'taken';
    for (const other of this.members.values()) {
      if (other.presence?.clientId !== clientId && !other.clients.has(clientId)) continue;
      if (other === member) return 'mine';
      return other.peer.userId === member.peer.userId ? 'same-user' : 'taken';
    }
    return this.awareness.getStates().has(clientId) ? 'taken' : 'free';
  }

  /** Applies a connection's update, then repairs at once what it brought outside the schema. */
  private applyFrom(member: Member, update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, member);
    this.conformChanges(member.peer);
  }

  private conformChanges(peer: RoomPeer | null): void {
    const pending = this.unchecked;
    this.unchecked = [];
    if (!this.normalize) return;
    const kinds = new Set<string>();
    for (const tr of pending)
      for (const kind of this.normalize(this.doc, tr, REPAIR)) kinds.add(kind);
    if (kinds.size > 0) this.hooks.repaired?.(peer, [...kinds]);
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    // Remote changes were checked by the instance that applied them; repairs need none.
    if (tr.origin !== REMOTE && tr.origin !== REPAIR && this.normalize) this.unchecked.push(tr);
  };

  private refuse(member: Member): void {
    this.hooks.rejected(member.peer);
    if (member.toldReadOnly) return;
    member.toldReadOnly = true;
    member.socket.send(
      writePermissionDenied(this.isFinal ? DeniedReason.final : DeniedReason.readOnlyRole),
    );
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    // Relay first, store after: the sender keeps the update until it is acknowledged by a
    // reconnect's sync, so a crash between relaying and storing loses nothing a client holds.
    const frame = writeUpdate(update);
    for (const member of this.members.values()) {
      if (member !== origin) member.socket.send(frame);
    }
    const userId =
      origin instanceof ServerChange
        ? origin.userId
        : this.isMember(origin)
          ? origin.peer.userId
          : null;
    this.hooks.applied(update, userId, origin === REMOTE);
  };

  private readonly onAwareness = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (this.isMember(origin)) {
      for (const id of changes.added) origin.clients.add(id);
      for (const id of changes.removed) origin.clients.delete(id);
    }
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    if (origin !== REMOTE) this.hooks.awareness?.(update);
    const frame = writeAwareness(update);
    // Sent back to its author too: the stock client reconnects after 30 s without any message.
    for (const member of this.members.values()) member.socket.send(frame);
  };

  private isMember(origin: unknown): origin is Member {
    return (
      typeof origin === 'object' &&
      origin !== null &&
      this.members.get((origin as Member).socket) === origin
    );
  }
}
