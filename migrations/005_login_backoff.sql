-- Failed logins are counted per account and client address together, so a stranger's failures
-- slow down only that stranger's address, never the account owner signing in from elsewhere.
-- Rows from before this migration keep an empty address.

ALTER TABLE login_failures ADD COLUMN address text NOT NULL DEFAULT '';
CREATE INDEX login_failures_email_address_idx ON login_failures (lower(email), address, failed_at);
DROP INDEX login_failures_email_idx;
