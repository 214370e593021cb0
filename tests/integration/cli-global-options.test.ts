import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, sampleIncoming } from '../helpers/app';
import { CLI_PASSWORD, CLI_USER, provisionedDataDir, root, run, vanphong } from '../helpers/cli';

describe('vanphong global options, before or after the command words', () => {
  let dir: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    dir = await provisionedDataDir('vanphong-cli-global-', async (app, tester) => {
      for (const ref of ['1/STC-VP', '2/STC-VP']) await call(app, 'incoming.register', sampleIncoming({ ref }), tester);
    });
  });

  it('lists the same register with --data-dir and --json before or after "incoming list"', () => {
    const before = vanphong(['--data-dir', dir, '--json', 'incoming', 'list']);
    const after = vanphong(['incoming', 'list', '--data-dir', dir, '--json']);
    expect(before.err).toBe('');
    expect(before.code).toBe(0);
    expect(after.code).toBe(0);
    expect(before.out).toBe(after.out);
    expect(JSON.parse(before.out).rows.map((r: { ref: string }) => r.ref)).toEqual(['1/STC-VP', '2/STC-VP']);

    // --user too, and the forms --opt=value; mixed before and after.
    const asUser = run([`--user=${CLI_USER}`, '--json', 'incoming', 'list', `--data-dir=${dir}`], { VANPHONG_USER: undefined, VANPHONG_PASSWORD: CLI_PASSWORD });
    expect(asUser.code).toBe(0);
    expect(asUser.out).toBe(after.out);
  });

  it('reports errors as JSON for a leading --json and refuses unknown leading options', () => {
    const bad = vanphong(['--json', '--data-dir', dir, 'incoming', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(JSON.parse(bad.err).error.code).toBe('VALIDATION');

    const unknown = run(['--nope', 'incoming', 'list']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('«--nope»');

    const missing = run(['--data-dir']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cần một giá trị');
  });

  it('takes --server before or after the command words (plain http is refused before anything is sent)', () => {
    for (const args of [['--server', 'http://vanphong.example', 'incoming', 'list'], ['incoming', 'list', '--server', 'http://vanphong.example']]) {
      const r = vanphong(args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain('--server phải bắt đầu bằng https://');
    }
  });

  it('prints the help for help, --help or no command, with or without global options', () => {
    for (const args of [['help'], ['--help'], ['-h'], [], ['--json', 'help'], ['--data-dir', dir, '--help']]) {
      const r = run(args);
      expect(r.code).toBe(0);
      expect(r.out).toContain('vanphong incoming list');
    }
  });
});
