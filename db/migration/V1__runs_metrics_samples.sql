-- Users exist from the start: every run has an owner, even on a one-person laptop ("local").
create table users (
    id            bigint auto_increment primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(200),
    role          varchar(16)  not null,
    created_at    timestamp    not null default current_timestamp
);
insert into users (username, role) values ('local', 'ADMIN');

create table runs (
    id            bigint auto_increment primary key,
    owner         varchar(64)  not null,
    name          varchar(200),
    task          varchar(32)  not null,
    cell          varchar(16)  not null,
    spec          clob         not null,
    seed          bigint       not null,
    status        varchar(16)  not null,
    created_at    timestamp    not null,
    started_at    timestamp,
    finished_at   timestamp,
    backend       varchar(100),
    device        varchar(1000),
    progress      double,
    metrics       clob,
    baselines     clob,
    error         clob,
    notes         clob,
    tags          varchar(500),
    pid           bigint
);
create index runs_status on runs (status);
create index runs_owner on runs (owner);

create table metric_points (
    id        bigint auto_increment primary key,
    run_id    bigint      not null references runs (id) on delete cascade,
    name      varchar(64) not null,
    step      bigint      not null,
    epoch     int         not null,
    val       double      not null,
    wall_time timestamp   not null
);
create index metric_points_run on metric_points (run_id, name, step);

create table samples (
    id         bigint auto_increment primary key,
    run_id     bigint      not null references runs (id) on delete cascade,
    kind       varchar(32) not null,
    epoch      int         not null,
    content    clob        not null,
    created_at timestamp   not null
);
create index samples_run on samples (run_id, epoch);
