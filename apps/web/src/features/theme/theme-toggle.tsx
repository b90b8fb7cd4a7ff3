import { Moon, Sun } from 'lucide-react';
import { Button } from '../../components/ui/button.tsx';
import { setThemePreference, useTheme } from './theme-store.ts';

/** One click flips light/dark; "follow the system" is in the user menu. */
export function ThemeToggle() {
  const { resolved } = useTheme();
  const next = resolved === 'dark' ? 'light' : 'dark';
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      data-testid="theme-toggle"
      onClick={() => setThemePreference(next)}
    >
      {resolved === 'dark' ? <Sun className="size-4" /> : <Moon className="size-4" />}
    </Button>
  );
}
