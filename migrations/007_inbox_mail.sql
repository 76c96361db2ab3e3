-- The inbox and its e-mail. Inbox items are derived from sign-offs, comments and approvals;
-- only what cannot be derived is stored here: which mentions a user has read, each user's mail
-- preference, which items were already noticed (so each is mailed at most once) and the outbox.

CREATE TABLE user_settings (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  mail_mode text NOT NULL DEFAULT 'immediate' CHECK (mail_mode IN ('immediate', 'daily', 'off')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A mention leaves the inbox of a user who has read it (or when its comment is resolved).
CREATE TABLE mention_reads (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  comment_id uuid NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, comment_id)
);

-- Every inbox item the mailer has seen for a user, by its stable key: an item is mailed (or
-- queued for the digest) only when its row is first inserted, so it is never mailed twice.
CREATE TABLE inbox_notices (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  item_key text NOT NULL CHECK (length(item_key) BETWEEN 1 AND 300),
  item jsonb NOT NULL,
  noticed_at timestamptz NOT NULL DEFAULT now(),
  -- true while the item waits for the user's next daily digest
  digest_pending boolean NOT NULL DEFAULT false,
  PRIMARY KEY (user_id, item_key)
);
CREATE INDEX inbox_notices_digest_idx ON inbox_notices (user_id) WHERE digest_pending;

-- Messages to send. A row is deleted never: it is retried with backoff until `sent_at` is set.
-- `dedupe_key` makes enqueueing the same message twice a no-op.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  dedupe_key text NOT NULL UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 400),
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- a sender owns the row until then; a crashed sender's claim simply expires
  claimed_until timestamptz,
  last_error text,
  sent_at timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE sent_at IS NULL;
