-- Lab mode: accounts can be disabled (kept, so that their runs keep an owner), and each user may
-- hold API tokens for scripts. Only a token's SHA-256 is stored: the token itself is shown once.
alter table users add column enabled boolean default true not null;

create table api_tokens (
    id          bigint auto_increment primary key,
    username    varchar(64)  not null references users (username) on delete cascade,
    token_hash  varchar(64)  not null unique,
    label       varchar(100),
    created_at  timestamp    not null,
    last_used   timestamp
);
create index api_tokens_user on api_tokens (username);

-- An administrator may move a queued run to the front: the earliest such time starts first.
alter table runs add column queue_first timestamp;
