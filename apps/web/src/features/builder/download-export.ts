/**
 * The file name a download response names (`attachment; filename="tool-library-v3.zip"`), or the
 * fallback. The server only ever sends ASCII letters, digits and dashes there.
 */
export function attachmentFileName(contentDisposition: string | null, fallback: string): string {
  const name = contentDisposition?.match(/filename="([A-Za-z0-9._-]+)"/)?.[1];
  return name ?? fallback;
}

/**
 * Fetches the export link and saves the zip, so a refused or expired link is a message on this
 * page instead of a navigation to a plain-text error. A link on another origin (PUBLIC_URL set to
 * a different host than the page's) cannot be fetched without CORS: the browser opens it instead,
 * and the attachment downloads without leaving the page.
 */
export async function downloadExport(url: string, fallbackName: string): Promise<void> {
  if (new URL(url, window.location.href).origin !== window.location.origin) {
    window.location.assign(url);
    return;
  }
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) {
    const text = (await response.text()).trim();
    throw new Error(text || `The export failed (${response.status})`);
  }
  const objectUrl = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = objectUrl;
    link.download = attachmentFileName(response.headers.get('content-disposition'), fallbackName);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click the browser holds its own reference to the blob; revoke on the next turn.
    window.setTimeout(() => URL.revokeObjectURL(objectUrl), 0);
  }
}
