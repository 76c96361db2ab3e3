// y-leveldb ships types its package.json "exports" hide; the bench needs only this much.
declare module 'y-leveldb' {
  /** LevelDB persistence for Yjs documents, as the reference server uses with YPERSISTENCE. */
  export class LeveldbPersistence {
    constructor(location: string);
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    destroy(): Promise<void>;
  }
}
