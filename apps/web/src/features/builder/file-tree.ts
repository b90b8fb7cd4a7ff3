export type TreeRow =
  | { kind: 'dir'; path: string; name: string; depth: number }
  | { kind: 'file'; path: string; name: string; depth: number };

/** Paths → an indented tree (directories first, then files, each alphabetical). */
export function fileTreeRows(paths: readonly string[]): TreeRow[] {
  type Node = { dirs: Map<string, Node>; files: string[] };
  const root: Node = { dirs: new Map(), files: [] };
  for (const path of paths) {
    const parts = path.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let child = node.dirs.get(part);
      if (!child) {
        child = { dirs: new Map(), files: [] };
        node.dirs.set(part, child);
      }
      node = child;
    }
    node.files.push(path);
  }
  const rows: TreeRow[] = [];
  const walk = (node: Node, prefix: string, depth: number) => {
    for (const [name, child] of [...node.dirs].sort(([a], [b]) => a.localeCompare(b))) {
      rows.push({ kind: 'dir', path: `${prefix}${name}`, name, depth });
      walk(child, `${prefix}${name}/`, depth + 1);
    }
    for (const path of [...node.files].sort()) {
      rows.push({ kind: 'file', path, name: path.split('/').pop() ?? path, depth });
    }
  };
  walk(root, '', 0);
  return rows;
}
