import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Electron fuses (issue 14): the packaged app must not run as Node (ELECTRON_RUN_AS_NODE), take NODE_OPTIONS or
 * --inspect, and must load only its integrity-checked asar, with cookies encrypted. Where a packaged binary was built
 * (`npm run dist`), its fuse wire is read; here, without Electron's binary, the builder configuration that flips them.
 */
const root = path.resolve(__dirname, '../..');

const WANTED: Record<string, boolean> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

/** The `electronFuses:` block of electron-builder.yml, as key → boolean (two-space indented scalars). */
function configuredFuses(): Record<string, boolean> {
  const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?:[ ]{2}\w+: (?:true|false)\n)+)/m.exec(yml);
  if (!block) return {};
  return Object.fromEntries([...block[1].matchAll(/^ {2}(\w+): (true|false)$/gm)].map((m) => [m[1], m[2] === 'true']));
}

function packagedBinary(): string | null {
  const release = path.join(root, 'release');
  if (!fs.existsSync(release)) return null;
  for (const dir of fs.readdirSync(release).filter((d) => d.endsWith('-unpacked'))) {
    for (const name of ['vanphong', 'Văn phòng điện tử', 'Văn phòng điện tử.exe', 'vanphong.exe']) {
      const p = path.join(release, dir, name);
      if (fs.existsSync(p)) return p;
    }
  }
  return null;
}

describe('Electron fuses', () => {
  it('the builder flips every fuse the packaged app needs', () => {
    expect(configuredFuses()).toMatchObject(WANTED);
  });

  const binary = packagedBinary();
  it.skipIf(!binary)(`the packaged binary's fuse wire says the same${binary ? '' : ' (skipped: no packaged binary in release/; `npm run dist` builds one where Electron can be downloaded)'}`, async () => {
    const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
    const wire = (await getCurrentFuseWire(binary!)) as unknown as Record<number, number>;
    const ENABLE = 49;
    const index: Record<string, number> = {
      runAsNode: FuseV1Options.RunAsNode,
      enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
      enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
      enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
      onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
      grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
    };
    for (const [name, on] of Object.entries(WANTED)) expect(wire[index[name]] === ENABLE, name).toBe(on);
  });
});
