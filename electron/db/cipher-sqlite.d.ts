/**
 * better-sqlite3-multiple-ciphers ships its typings outside its package.json "exports", which the Bundler resolution
 * honours; its API is better-sqlite3's, whose typings we use (db/connection.ts).
 */
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export = Database;
}
