-- Identity: users, roles, claims and their links; API keys; JWT signing keys; the audit log.

create table claims (
    id          uuid primary key,
    name        varchar(100) not null,
    description varchar(500),
    claim_group varchar(100) not null default 'Custom',
    resource    varchar(100) not null default 'Custom',
    action      varchar(50)  not null default 'ALL',
    internal    boolean      not null default false,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    constraint uq_claims_name unique (name)
);

create table roles (
    id          uuid primary key,
    name        varchar(100) not null,
    description varchar(500),
    internal    boolean      not null default false,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    constraint uq_roles_name unique (name)
);

create table role_claims (
    role_id  uuid not null references roles (id) on delete cascade,
    claim_id uuid not null references claims (id) on delete cascade,
    primary key (role_id, claim_id)
);

create table users (
    id                    uuid primary key,
    username              varchar(100) not null,
    email                 varchar(255) not null,
    name                  varchar(255) not null,
    password_hash         varchar(100) not null,
    failed_login_attempts integer      not null default 0,
    locked_until          timestamptz,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    version               bigint       not null default 0
);
-- Logins are case-insensitive; so is uniqueness.
create unique index uq_users_username on users (lower(username));
create unique index uq_users_email on users (lower(email));

create table user_roles (
    user_id uuid not null references users (id) on delete cascade,
    role_id uuid not null references roles (id) on delete cascade,
    primary key (user_id, role_id)
);

create table user_claims (
    user_id  uuid not null references users (id) on delete cascade,
    claim_id uuid not null references claims (id) on delete cascade,
    primary key (user_id, claim_id)
);

create table api_keys (
    id           uuid primary key,
    name         varchar(100) not null,
    key          varchar(100) not null,
    secret_hash  varchar(100) not null,
    user_id      uuid         not null references users (id) on delete cascade,
    revoked      boolean      not null default false,
    revoked_at   timestamptz,
    expires_at   timestamptz,
    last_used_at timestamptz,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    constraint uq_api_keys_key unique (key)
);
create index ix_api_keys_user on api_keys (user_id);

-- RS256 keys. The private half is sealed with AES-GCM under the operator's key; retired keys stay published in the
-- JWKS until every token they signed has expired.
create table signing_keys (
    kid                varchar(64) primary key,
    public_key         text        not null,
    private_key_sealed text        not null,
    created_at         timestamptz not null,
    retired_at         timestamptz
);

create table audit_events (
    id          bigserial primary key,
    occurred_at timestamptz  not null,
    actor_id    varchar(100),
    actor_name  varchar(100),
    action      varchar(100) not null,
    target_type varchar(50)  not null,
    target_id   varchar(100),
    details     text,
    request_id  varchar(128)
);
create index ix_audit_events_occurred_at on audit_events (occurred_at desc);
