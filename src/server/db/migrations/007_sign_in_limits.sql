-- Sign-in limits (security findings "sign-in limit checked before, counted after" and "5 wrong passwords lock the
-- owner out"). One row per throttled subject (an account, a client address, or a device that signed in before);
-- an attempt locks its rows and is counted in one transaction before the password is checked, so parallel guesses
-- queue up instead of all being evaluated. See src/server/auth/rateLimit.ts.
drop table sign_in_attempts;

create table sign_in_limits (
  key text primary key,
  failures integer not null default 0,
  window_started_at timestamptz not null,
  blocked_until timestamptz not null
);
create index sign_in_limits_window_idx on sign_in_limits (window_started_at);

-- Logins one client address failed on within the window, to limit password spraying across accounts.
create table sign_in_spray (
  address text not null,
  login text not null,
  first_at timestamptz not null,
  primary key (address, login)
);

-- Devices that signed in before: a random token in an HttpOnly cookie, kept here only as a sha256 hash. Such a
-- device is throttled on its own, so an attacker's failures on the account do not keep its owner out.
create table sign_in_devices (
  token_hash text primary key,
  user_id text not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now()
);
create index sign_in_devices_user_idx on sign_in_devices (user_id);
