-- Every way a session ends (sign-out, revocation by the user or an admin, password change or
-- reset, expiry, deletion with its user) becomes a NOTIFY on `session_ended` with the session
-- id, delivered on commit: open live-update streams of that session close at once
-- (lib/licensing/license-events.ts). A trigger, so no writer can forget it.
CREATE FUNCTION tiergate_notify_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('session_ended', OLD.id::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Session_revoked_notify"
AFTER UPDATE OF "revokedAt" ON "Session"
FOR EACH ROW WHEN (OLD."revokedAt" IS NULL AND NEW."revokedAt" IS NOT NULL)
EXECUTE FUNCTION tiergate_notify_session_ended();

CREATE TRIGGER "Session_deleted_notify"
AFTER DELETE ON "Session"
FOR EACH ROW WHEN (OLD."revokedAt" IS NULL)
EXECUTE FUNCTION tiergate_notify_session_ended();
