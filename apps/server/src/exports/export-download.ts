import type http from 'node:http';
import { checkExportToken, ExportError, exportFolderName, exportProject, zipProject } from '@app/core';
import {
  type Db,
  ForbiddenError,
  listVersionFiles,
  NotFoundError,
  requireAppRole,
  requireVersionRole,
  storedBlueprint,
} from '@app/db';

export interface ExportDownloadOptions {
  db: Db;
  sessionSecret: string;
}

const exportPath = /^\/exports\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.zip$/;

/**
 * `GET /exports/<versionId>.zip?token=…`: the zip `versions.export` links to. The token is the
 * credential (a download link opened by a browser tab, `curl` or the CLI carries no session);
 * it names the user it was made for, whose access is checked again here, so a member removed
 * or made a viewer since the link was made gets nothing from it.
 *
 * 401 without a token, 403 for a forged, expired or other version's token, 404 for a version
 * that is gone or that the token's user can no longer see (the same answer either way).
 * Returns false for paths that are not exports.
 */
export function createExportDownload(options: ExportDownloadOptions) {
  return async function handleExport(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ): Promise<boolean> {
    if (!url.pathname.startsWith('/exports/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
      return true;
    }
    const versionId = exportPath.exec(url.pathname)?.[1];
    if (!versionId) {
      answer(res, 404, 'Not found');
      return true;
    }
    const token = checkExportToken(url.searchParams.get('token'), versionId, options.sessionSecret);
    if (!token.ok) {
      if (token.reason === 'missing') answer(res, 401, 'This download needs the link versions.export gives');
      else if (token.reason === 'expired') answer(res, 403, 'This export link has expired: export again');
      else answer(res, 403, 'This export link is not valid');
      return true;
    }
    let zip: Uint8Array;
    let folder: string;
    try {
      const { version } = await requireVersionRole(options.db, {
        userId: token.userId,
        versionId,
        action: 'build',
      });
      const { app } = await requireAppRole(options.db, {
        userId: token.userId,
        appId: version.app_id,
        action: 'build',
      });
      const title = storedBlueprint(version.blueprint)?.title ?? null;
      const project = exportProject({
        appId: app.id,
        versionNumber: version.number,
        title,
        appName: app.name,
        files: await listVersionFiles(options.db, version.id),
      });
      folder = exportFolderName(title ?? app.name, version.number);
      zip = zipProject(project, { folder, modifiedAt: version.created_at });
    } catch (error) {
      if (error instanceof NotFoundError) answer(res, 404, 'Version not found');
      else if (error instanceof ForbiddenError) answer(res, 403, error.message);
      else if (error instanceof ExportError) answer(res, 422, error.message);
      else throw error;
      return true;
    }
    res.writeHead(200, {
      'content-type': 'application/zip',
      // The folder name is the title's ASCII letters, digits and dashes only: safe in a header.
      'content-disposition': `attachment; filename="${folder}.zip"`,
      'content-length': String(zip.byteLength),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // The token is in the URL: a page this response could lead to must not learn it.
      'referrer-policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : zip);
    return true;
  };
}

function answer(
  res: http.ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  res.end(`${text}\n`);
}
