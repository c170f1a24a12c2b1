-- Logins (normalized email and phone) are unique per tenant, no longer across tenants (issue #17, existence
-- leaks): a coordinator creating or importing an account got "login-taken" for a login of another tenant, and so
-- learned that it exists there. The same login may now name accounts in several tenants; sign-in tries each (see
-- src/server/auth/routes.ts), most recently signed in first.
alter table users drop constraint users_email_key;
alter table users drop constraint users_phone_key;
create unique index users_tenant_email_key on users (tenant_id, email);
create unique index users_tenant_phone_key on users (tenant_id, phone);
-- Sign-in looks a login up in every tenant.
create index users_email_idx on users (email);
create index users_phone_idx on users (phone);

-- When the account last signed in: the order in which sign-in tries the accounts of one login.
alter table users add column last_signed_in_at timestamptz;
