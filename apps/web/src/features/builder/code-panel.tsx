import { clsx } from 'clsx';
import { FileCode2, FileText, Folder } from 'lucide-react';
import { Highlight, themes } from 'prism-react-renderer';
import { useEffect, useMemo, useState } from 'react';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { useTheme } from '../theme/theme-store.ts';
import { fileTreeRows } from './file-tree.ts';
import type { WrittenFile } from './job-state.ts';

const languageByExtension: Record<string, string> = {
  tsx: 'tsx',
  ts: 'typescript',
  jsx: 'jsx',
  js: 'javascript',
  css: 'css',
  json: 'json',
  html: 'markup',
  md: 'markdown',
};

function languageFor(path: string): string {
  return languageByExtension[path.split('.').pop() ?? ''] ?? 'tsx';
}

function CodeView({ file }: { file: WrittenFile }) {
  const { resolved } = useTheme();
  return (
    <Highlight
      code={file.content}
      language={languageFor(file.path)}
      theme={resolved === 'dark' ? themes.oneDark : themes.oneLight}
    >
      {({ tokens, getLineProps, getTokenProps }) => (
        <pre
          data-testid="code-view"
          data-path={file.path}
          className="min-h-full w-max min-w-full py-3 font-mono text-[12.5px] leading-[1.6]"
        >
          {tokens.map((line, lineIndex) => {
            const { key: _lineKey, ...lineProps } = getLineProps({ line });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional by nature
              <div key={lineIndex} {...lineProps} className="flex px-0">
                <span className="sticky left-0 w-11 shrink-0 bg-inherit pr-3 text-right text-subtle select-none tabular-nums">
                  {lineIndex + 1}
                </span>
                <span className="pr-4">
                  {line.map((token, tokenIndex) => {
                    const { key: _tokenKey, ...tokenProps } = getTokenProps({ token });
                    // biome-ignore lint/suspicious/noArrayIndexKey: tokens are positional by nature
                    return <span key={tokenIndex} {...tokenProps} />;
                  })}
                </span>
              </div>
            );
          })}
        </pre>
      )}
    </Highlight>
  );
}

/**
 * File tree + highlighted viewer. While a build runs the files come from `file_written` events and
 * the viewer follows the file being written, until the person opens one themselves.
 */
export function CodePanel({
  files,
  live,
  loading,
  followPath,
}: {
  files: WrittenFile[];
  live: boolean;
  loading: boolean;
  followPath: string | null;
}) {
  const [chosenPath, setChosenPath] = useState<string | null>(null);
  const rows = useMemo(() => fileTreeRows(files.map((file) => file.path)), [files]);
  useEffect(() => {
    if (!live) return;
    setChosenPath(null);
  }, [live]);

  const fallbackPath =
    (live ? followPath : null) ??
    files.find((file) => file.path === 'src/App.tsx')?.path ??
    files[0]?.path ??
    null;
  const selectedPath =
    chosenPath && files.some((file) => file.path === chosenPath) ? chosenPath : fallbackPath;
  const selected = files.find((file) => file.path === selectedPath) ?? null;

  if (loading) {
    return (
      <div className="flex h-full" aria-busy="true">
        <div className="w-48 border-r border-border p-3">
          {['w-20', 'w-28', 'w-24', 'w-16'].map((width) => (
            <Skeleton key={width} className={`mb-2 h-4 ${width}`} />
          ))}
        </div>
        <div className="flex-1 p-4">
          <Skeleton className="mb-2 h-4 w-2/3" />
          <Skeleton className="mb-2 h-4 w-1/2" />
          <Skeleton className="h-4 w-3/5" />
        </div>
      </div>
    );
  }

  if (files.length === 0) {
    return (
      <div
        className="flex h-full flex-col items-center justify-center px-6 py-16 text-center"
        data-testid="code-empty"
      >
        <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-sunken text-muted">
          <FileCode2 className="size-5" aria-hidden="true" />
        </div>
        <p className="text-sm font-medium text-text">No code yet</p>
        <p className="mt-1 max-w-xs text-[13px] text-muted">Files appear here as the build writes them.</p>
      </div>
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col sm:flex-row">
      <nav
        aria-label="Files"
        className="max-h-40 shrink-0 overflow-auto border-b border-border py-2 sm:max-h-none sm:w-52 sm:border-r sm:border-b-0"
      >
        {live && (
          <p className="mb-1 flex items-center gap-1.5 px-3 text-[11px] font-medium text-accent-text">
            <span className="size-1.5 animate-pulse rounded-full bg-accent" /> Writing…
          </p>
        )}
        <ul>
          {rows.map((row) =>
            row.kind === 'dir' ? (
              <li
                key={`dir:${row.path}`}
                className="flex items-center gap-1.5 px-3 py-1 text-[12.5px] text-muted"
                style={{ paddingLeft: 12 + row.depth * 12 }}
              >
                <Folder className="size-3.5 shrink-0" aria-hidden="true" /> {row.name}
              </li>
            ) : (
              <li key={row.path}>
                <button
                  type="button"
                  data-testid="code-file"
                  data-path={row.path}
                  aria-current={row.path === selectedPath ? 'true' : undefined}
                  onClick={() => setChosenPath(row.path)}
                  style={{ paddingLeft: 12 + row.depth * 12 }}
                  className={clsx(
                    'flex w-full items-center gap-1.5 py-1 pr-3 text-left text-[12.5px] focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset',
                    row.path === selectedPath
                      ? 'bg-accent-soft font-medium text-accent-text'
                      : 'text-text hover:bg-surface-sunken',
                  )}
                >
                  <FileText className="size-3.5 shrink-0 opacity-70" aria-hidden="true" />
                  <span className="truncate">{row.name}</span>
                </button>
              </li>
            ),
          )}
        </ul>
      </nav>
      <div className="flex min-h-0 min-w-0 flex-1 flex-col">
        {selected && (
          <>
            <div className="flex h-9 shrink-0 items-center border-b border-border px-3 font-mono text-[12px] text-muted">
              {selected.path}
            </div>
            <div className="min-h-0 flex-1 overflow-auto bg-surface">
              <CodeView file={selected} />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
