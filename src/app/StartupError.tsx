import { Logo } from '../ui/Logo';

/** The app cannot start (an unknown transport, an adapter that failed to load): say why, plainly. */
export function StartupError({ title, message }: { title: string; message: string }) {
  return (
    <main className="startup-error">
      <Logo size={48} />
      <h1>{title}</h1>
      <p role="alert">{message}</p>
    </main>
  );
}
