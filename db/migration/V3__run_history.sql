-- Run history at scale: the fields people filter and sort by get columns of their own (copied
-- from the specification when a run is stored), the best value of the task's main metric is
-- kept per run when it finishes (sorting never scans metric points), tags get a table of their
-- own so that a tag filter is an index look-up, and grids of runs are kept as experiments.
alter table runs add column clipping varchar(16);
alter table runs add column dataset varchar(300);
alter table runs add column best_metric double;
alter table runs add column experiment_id bigint;

create table run_tags (
    run_id bigint      not null references runs (id) on delete cascade,
    tag    varchar(64) not null,
    primary key (run_id, tag)
);
create index run_tags_tag on run_tags (tag, run_id);

create table experiments (
    id         bigint auto_increment primary key,
    owner      varchar(64)  not null,
    name       varchar(200) not null,
    base_spec  clob         not null,
    vary       clob         not null,
    created_at timestamp    not null
);

create index runs_created on runs (created_at);
create index runs_task_best on runs (task, best_metric);
create index runs_best on runs (best_metric);
create index runs_cell on runs (cell);
create index runs_clipping on runs (clipping);
create index runs_dataset on runs (dataset);
create index runs_experiment on runs (experiment_id);
create index runs_name on runs (name);
