import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape the README promises, checked on every run: domain folders of electron/ depend on each other in one
 * direction only (no loops, type imports included), the renderer imports no Node or Electron code, and no source
 * file grows past 600 lines (split it along its seams first).
 */
const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every module specifier a file names: static imports and re-exports (type-only too), and dynamic imports. */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

/** The top folder of electron/ a file belongs to ("incoming", "hosts", …). */
const folderOf = (file: string) => file.split(path.sep)[1];

function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles('electron')) {
    const from = folderOf(file);
    for (const spec of specifiers(file)) {
      if (!spec.startsWith('.')) continue;
      const target = path.relative(root, path.resolve(root, path.dirname(file), spec));
      if (!target.startsWith(`electron${path.sep}`)) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${file} → ${spec}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder: each is a loop (Tarjan). */
function loops(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('structure', () => {
  it('electron/ folders import each other without loops', () => {
    const graph = folderGraph();
    const found = loops(graph).map((scc) => {
      const edges = scc.flatMap((a) => scc.filter((b) => graph.get(a)?.has(b)).map((b) => `  ${a} → ${b} (${graph.get(a)!.get(b)})`));
      return `${scc.join(', ')}:\n${edges.join('\n')}`;
    });
    expect(found, found.join('\n')).toEqual([]);
  });

  it('finds a loop when there is one (the check itself)', () => {
    const g = new Map([
      ['a', new Map([['b', 'x']])],
      ['b', new Map([['c', 'x']])],
      ['c', new Map([['a', 'x']])],
      ['d', new Map([['a', 'x']])],
    ]);
    expect(loops(g)).toEqual([['a', 'b', 'c']]);
  });

  it('only the hosts import the hosts, and only the Electron host imports electron', () => {
    const offenders = sourceFiles('electron').filter((f) => folderOf(f) !== 'hosts').flatMap((f) =>
      specifiers(f)
        .filter((s) => s === 'electron' || /(^|\/)hosts\//.test(s))
        .map((s) => `${f} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer imports no Node, Electron or electron/ code', () => {
    const offenders = sourceFiles('renderer').flatMap((f) =>
      specifiers(f)
        .filter((s) => s.startsWith('node:') || s === 'electron' || /(^|\/)electron\//.test(s))
        .map((s) => `${f} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no source file is over 600 lines', () => {
    const long = ['electron', 'shared', 'renderer', 'tests', 'scripts']
      .flatMap(sourceFiles)
      .map((f) => ({ f, lines: fs.readFileSync(path.join(root, f), 'utf8').split('\n').length }))
      .filter((x) => x.lines > 600)
      .map((x) => `${x.f}: ${x.lines}`);
    expect(long).toEqual([]);
  });
});
