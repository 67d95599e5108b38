import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ label }: { label: string }) {
  return (
    <div className="state" data-testid="loading" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      <span className="muted">{label}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty" data-testid="empty">
      <strong>{title}</strong>
      {children && <span className="muted">{children}</span>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const text =
    error instanceof ApiError
      ? `${error.title}${error.detail ? ` — ${error.detail}` : ''}${error.status ? ` (HTTP ${error.status})` : ''}`
      : String(error);
  return (
    <div className="state error" data-testid="error" role="alert">
      <strong>Could not load</strong>
      <span className="muted">{text}</span>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
