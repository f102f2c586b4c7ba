-- Each user's own settings (the reference's /user/configs: its web UI keeps its preferences here), by slug.
create table user_configs (
    id          uuid primary key,
    user_id     uuid         not null references users (id) on delete cascade,
    slug        varchar(128) not null,
    name        varchar(255) not null,
    type        varchar(16)  not null,
    value       text         not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    unique (user_id, slug)
);
