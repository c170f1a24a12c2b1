-- Passwords and devices (issue #13): one-time passwords that must be changed, a session generation that ends
-- every access token at a password change or reset, and refresh-token families (one per sign-in on a device)
-- so a person sees where they are signed in, signs a device out, and a reused refresh token ends its family.

-- A coordinator set a one-time password (new account, reset): other API calls are refused until it is changed.
alter table users add column must_change_password boolean not null default false;
-- Raised by every password change or reset; access tokens carry it (claim `gen`), the middleware compares.
alter table users add column session_generation integer not null default 0;
alter table users add column password_changed_at timestamptz;

-- One row per sign-in on a device: its refresh tokens rotate inside it. Revoking the family signs the device out.
create table token_families (
  id text primary key,
  user_id text not null references users (id) on delete cascade,
  -- As the browser sent it at sign-in, cut to 300 characters; shown as "Chrome di Android".
  user_agent text not null default '',
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  -- The expiry of its newest refresh token: a family is live while not revoked and not expired.
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index token_families_user_idx on token_families (user_id);

-- Refresh tokens issued before families existed: each becomes a family of its own, so nobody is signed out.
insert into token_families (id, user_id, created_at, last_used_at, expires_at, revoked_at)
  select id, user_id, created_at, created_at, expires_at, revoked_at from refresh_tokens;

alter table refresh_tokens add column family_id text references token_families (id);
update refresh_tokens set family_id = id;
alter table refresh_tokens alter column family_id set not null;
-- The token that replaced this one at rotation: presenting a replaced token again is reuse (a stolen copy).
alter table refresh_tokens add column replaced_by text;
alter table refresh_tokens add column replaced_at timestamptz;
create index refresh_tokens_family_idx on refresh_tokens (family_id);
