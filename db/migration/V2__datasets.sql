-- Uploaded datasets: the file itself lives under <data-dir>/datasets/<id>/.
create table datasets (
    id          bigint auto_increment primary key,
    owner       varchar(64)  not null,
    task        varchar(32)  not null,
    file_name   varchar(255) not null,
    size_bytes  bigint       not null,
    summary     varchar(1000) not null,
    created_at  timestamp    not null
);
create index datasets_owner on datasets (owner);
