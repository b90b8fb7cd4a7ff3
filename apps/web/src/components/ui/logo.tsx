export const productName = 'Clarify';

export function LogoMark({ className = 'size-6' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" className="fill-accent" />
      <path
        d="M11 12.5a5 5 0 1 1 6.2 4.85c-.7.2-1.2.8-1.2 1.5V20"
        stroke="white"
        strokeWidth="2.6"
        fill="none"
        strokeLinecap="round"
      />
      <circle cx="16" cy="24" r="1.6" fill="white" />
    </svg>
  );
}

export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight text-text">
      <LogoMark />
      <span className="text-[15px]">{productName}</span>
    </span>
  );
}
