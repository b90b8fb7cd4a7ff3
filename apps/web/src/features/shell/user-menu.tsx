import { KeyRound, LogOut, Monitor, Moon, Sun } from 'lucide-react';
import { useLocation } from 'wouter';
import {
  DropdownMenu,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
} from '../../components/ui/dropdown-menu.tsx';
import { useCurrentUser, useSignOut } from '../auth/use-session.ts';
import { setThemePreference, type ThemePreference, useTheme } from '../theme/theme-store.ts';

const themeChoices: { preference: ThemePreference; label: string; icon: React.ReactNode }[] = [
  { preference: 'system', label: 'System', icon: <Monitor /> },
  { preference: 'light', label: 'Light', icon: <Sun /> },
  { preference: 'dark', label: 'Dark', icon: <Moon /> },
];

export function UserMenu() {
  const user = useCurrentUser();
  const signOut = useSignOut();
  const [, navigate] = useLocation();
  const { preference } = useTheme();
  const initial = user.email.charAt(0).toUpperCase();

  return (
    <DropdownMenu
      triggerLabel={`Account menu for ${user.email}`}
      trigger={
        <span className="flex size-8 items-center justify-center rounded-full bg-gradient-to-br from-indigo-500 to-violet-500 text-[13px] font-semibold text-white shadow-sm">
          {initial}
        </span>
      }
    >
      {(close) => (
        <>
          <div className="px-2.5 pt-2 pb-2">
            <div className="text-[11px] text-subtle">Signed in as</div>
            <div className="truncate text-sm font-medium text-text" data-testid="current-user-email">
              {user.email}
            </div>
          </div>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>Theme</DropdownMenuLabel>
          {themeChoices.map((choice) => (
            <DropdownMenuItem
              key={choice.preference}
              icon={choice.icon}
              checked={preference === choice.preference}
              onSelect={() => setThemePreference(choice.preference)}
            >
              {choice.label}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem
            icon={<KeyRound />}
            onSelect={() => {
              close();
              navigate('/settings/tokens');
            }}
          >
            Access tokens
          </DropdownMenuItem>
          <DropdownMenuItem
            icon={<LogOut />}
            onSelect={() => {
              close();
              signOut.mutate();
            }}
          >
            Sign out
          </DropdownMenuItem>
        </>
      )}
    </DropdownMenu>
  );
}
