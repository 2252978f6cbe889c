-- Hand-written: row triggers do not fire on TRUNCATE, which would empty the audit trail
-- in one statement. A statement-level trigger refuses it too.
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
