// The in-process registry of live URLSessions by identifier, behind `sessionCache`. It lives in
// module memory only: a terminated extension process loses it, as on a device, and the code
// must recreate its sessions when the system relaunches it for background events.

/** What the registry needs of a session (sessions import the registry, not the reverse). */
export interface RegisteredSession {
  readonly identifier: string;
}

const live = new Map<string, RegisteredSession>();

export const sessionRegistry = {
  get(identifier: string): RegisteredSession | undefined {
    return live.get(identifier);
  },
  /** Registers the session unless one with that identifier is live; returns whether it did. */
  register(session: RegisteredSession): boolean {
    if (live.has(session.identifier)) return false;
    live.set(session.identifier, session);
    return true;
  },
  unregister(session: RegisteredSession): void {
    if (live.get(session.identifier) === session) live.delete(session.identifier);
  },
  identifiers(): string[] {
    return [...live.keys()];
  },
};
