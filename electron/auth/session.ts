/** The hosts' login state lives beside the caller context (electron/app/caller.ts); auth changes it at login. */
export { anonymousSession, type Session } from '../app/caller';
