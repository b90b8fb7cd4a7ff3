import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message ("Past due"). */
  label: string;
  children: ReactNode;
  /** Shown instead of the message (a custom field renderer falls back to the built-in display). */
  fallback?: ReactNode;
}

/**
 * One view (or custom component, see extensions.ts) that throws shows a message in its place; the
 * rest of the app keeps working.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      if (this.props.fallback !== undefined) return this.props.fallback;
      return (
        <div className="notice danger" role="alert" data-testid="view-error">
          {this.props.label} could not be shown: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
