// Prints which library imports which (from the import lines of libs/*/src and apps/api/src),
// and exits non-zero if the graph has a cycle. `npm run graph`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const libs = readdirSync(path.join(root, 'libs')).filter((name) =>
  statSync(path.join(root, 'libs', name, 'src'), { throwIfNoEntry: false })?.isDirectory(),
);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** The libraries a library (or the API app) imports. */
export function libraryGraph() {
  const graph = new Map();
  const owners = [
    ...libs.map((lib) => [lib, path.join(root, 'libs', lib, 'src')]),
    ['api', path.join(root, 'apps', 'api', 'src')],
  ];
  for (const [owner, dir] of owners) {
    const uses = new Set();
    for (const file of filesUnder(dir)) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/from '([^']+)'/g)) {
        const spec = match[1];
        const lib =
          /^#libs\/([\w-]+)/.exec(spec)?.[1] ??
          /(?:^|\/)(?:libs\/)?([\w-]+)\/src\/index\.js$/.exec(spec)?.[1];
        if (lib && lib !== owner && libs.includes(lib)) uses.add(lib);
      }
    }
    graph.set(owner, [...uses].sort());
  }
  return graph;
}

/** A cycle as a list of libraries, or null. */
export function findCycle(graph) {
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys())
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  return null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = libraryGraph();
  // Foundations first: a library is listed after everything it imports.
  const order = [];
  const placed = new Set();
  while (order.length < graph.size) {
    const next = [...graph.keys()]
      .filter((n) => !placed.has(n) && graph.get(n).every((d) => placed.has(d) || d === n))
      .sort();
    if (next.length === 0) break;
    for (const n of next) {
      order.push(n);
      placed.add(n);
    }
  }
  for (const lib of order)
    console.log(`${lib.padEnd(14)} → ${graph.get(lib).join(', ') || '(nothing)'}`);
  const cycle = findCycle(graph);
  if (cycle) {
    console.error(`cycle: ${cycle.join(' → ')}`);
    process.exit(1);
  }
}
