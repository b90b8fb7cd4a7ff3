import { useEffect } from 'react';

export function Toast({ message, onDone }: { message: string; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, 2_500);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <div className="toast" role="status" data-testid="toast">
      {message}
    </div>
  );
}
