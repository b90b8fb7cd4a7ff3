import { useMutation } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { showToast } from '../../components/ui/toast.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { downloadExport } from './download-export.ts';

/**
 * Downloads the version as a standalone Vite + React + TypeScript project (.zip). Each click asks
 * for a fresh link (they last ten minutes), then saves the file.
 */
export function ExportVersionButton({ versionId, number }: { versionId: string; number: number }) {
  const trpc = useTRPC();
  const link = useMutation(trpc.versions.export.mutationOptions());
  const [downloading, setDownloading] = useState(false);

  const exportVersion = async () => {
    setDownloading(true);
    try {
      const { url } = await link.mutateAsync({ versionId });
      await downloadExport(url, `app-v${number}.zip`);
      showToast(`Version ${number} downloaded: npm install && npm run dev runs it`, 'success');
    } catch (error) {
      showToast(describeError(error), 'danger');
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Button
      size="sm"
      variant="ghost"
      pending={downloading}
      title={`Download version ${number} as a standalone project (.zip)`}
      aria-label={`Export version ${number}`}
      data-testid="version-export"
      onClick={() => void exportVersion()}
      leadingIcon={<Download className="size-3.5" aria-hidden="true" />}
    >
      Export
    </Button>
  );
}
