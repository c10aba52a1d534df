-- The series of finished runs, read once and kept packed (thinned to at most 10,000 points with
-- extremes kept): a comparison of finished runs then reads one row per series instead of every
-- metric point. A run's packs go with it (the foreign key cascades). A series a finished run does
-- not have is stored as an empty pack, so that its absence is not looked up again.
create table series_packs (
    run_id  bigint            not null references runs (id) on delete cascade,
    name    varchar(64)       not null,
    points  int               not null,
    data    varbinary(1000000) not null,
    primary key (run_id, name)
);
