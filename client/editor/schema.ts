/** The editor uses the one nota kesepakatan schema the server also reads the Yjs text with. */
export { schema } from '../../shared/schema';
