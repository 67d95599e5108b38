import { useState, type FormEvent } from 'react';

/** Asks for the API token when none is stored or the stored one was rejected. */
export function TokenForm({ message, onSubmit }: { message: string | null; onSubmit: (token: string) => void }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) onSubmit(value.trim());
  };
  return (
    <div className="token-page">
      <form className="card token-form" onSubmit={submit}>
        <div className="brand large">
          <Logo /> Telemetra
        </div>
        <p className="muted">Live-stream analytics. Enter the API token to open the dashboard.</p>
        {message && (
          <p className="alert" role="alert">
            {message}
          </p>
        )}
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="current-password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="Bearer token"
          autoFocus
        />
        <button type="submit" className="primary" disabled={!value.trim()}>
          Open dashboard
        </button>
        <p className="muted small">
          Tip: a link ending in <code>#token=…</code> signs in directly; the token is kept in this browser only.
        </p>
      </form>
    </div>
  );
}

export function Logo() {
  return (
    <svg width="24" height="24" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#7c5cff" />
      <path d="M6 20l6-7 5 5 9-10" stroke="white" strokeWidth="3" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
