import * as encoding from 'lib0/encoding';
import {
  RELAY_STORED,
  RELAY_VERSION,
  readRelayMessage,
  writeRelayMessage,
  type RelayMessage,
} from '../../server/collab/relayMessages';

describe('the relay protocol', () => {
  it('round-trips an update with its user and editing session, and one without', () => {
    const update = new Uint8Array([1, 2, 3]);
    const messages: RelayMessage[] = [
      { kind: 'update', from: 'a1', seq: 7, userId: 'u-1', sessionId: 's-1', update },
      { kind: 'update', from: 'a1', seq: 8, userId: null, sessionId: null, update },
    ];
    for (const message of messages)
      expect(readRelayMessage(writeRelayMessage(message))).toEqual(message);
  });

  it('acknowledges each named update, not a count or a watermark', () => {
    const message: RelayMessage = { kind: 'stored', from: 'b2', origin: 'a1', seqs: [9, 3, 300] };
    expect(readRelayMessage(writeRelayMessage(message))).toEqual(message);
  });

  it('refuses an acknowledgement announcing more updates than it carries', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, RELAY_VERSION);
    encoding.writeVarString(encoder, 'b2');
    encoding.writeVarUint(encoder, RELAY_STORED);
    encoding.writeVarString(encoder, 'a1');
    encoding.writeVarUint(encoder, 1_000_000);
    encoding.writeVarUint(encoder, 1);
    expect(readRelayMessage(encoding.toUint8Array(encoder))).toBeUndefined();
  });

  it('ignores messages of the first version, whose acknowledgement was a watermark', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, 'b2');
    encoding.writeVarUint(encoder, RELAY_STORED);
    encoding.writeVarString(encoder, 'a1');
    encoding.writeVarUint(encoder, 12);
    expect(readRelayMessage(encoding.toUint8Array(encoder))).toBeUndefined();
  });
});
