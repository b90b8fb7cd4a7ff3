import { clsx } from 'clsx';
import type { InputHTMLAttributes, LabelHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from 'react';

const fieldClassName = clsx(
  'w-full rounded-lg border bg-surface text-text placeholder:text-subtle shadow-sm transition-colors',
  'focus:outline-none focus:ring-2 focus:ring-ring focus:border-accent',
  'disabled:cursor-not-allowed disabled:opacity-60',
);

export type InputProps = InputHTMLAttributes<HTMLInputElement> & {
  invalid?: boolean;
  ref?: Ref<HTMLInputElement>;
};

export function Input({ invalid = false, className, ...props }: InputProps) {
  return (
    <input
      aria-invalid={invalid || undefined}
      className={clsx(
        fieldClassName,
        'h-9 px-3 text-sm',
        invalid ? 'border-danger focus:border-danger' : 'border-border',
        className,
      )}
      {...props}
    />
  );
}

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  invalid?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
};

export function Textarea({ invalid = false, className, ...props }: TextareaProps) {
  return (
    <textarea
      aria-invalid={invalid || undefined}
      className={clsx(
        fieldClassName,
        'resize-none px-3 py-2.5 text-sm leading-relaxed',
        invalid ? 'border-danger' : 'border-border',
        className,
      )}
      {...props}
    />
  );
}

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  // biome-ignore lint/a11y/noLabelWithoutControl: callers pass htmlFor
  return <label className={clsx('text-[13px] font-medium text-text', className)} {...props} />;
}

/** Helper or error text under a field; `tone="error"` is announced by screen readers. */
export function FieldMessage({
  id,
  tone = 'hint',
  children,
}: {
  id?: string;
  tone?: 'hint' | 'error';
  children: ReactNode;
}) {
  return (
    <p
      id={id}
      role={tone === 'error' ? 'alert' : undefined}
      className={clsx('text-xs', tone === 'error' ? 'text-danger' : 'text-muted')}
    >
      {children}
    </p>
  );
}
