package com.seqplay.spec;

/**
 * The hyperparameters that belong to one task only. In JSON they sit beside the common fields of
 * {@link RunSpec} (a flat object, as the API has always taken); in Java each task has its record.
 * Fields are boxed: {@code null} means "not given" until the task's definition completes them.
 */
public sealed interface TaskOptions permits TranslationOptions, ForecastingOptions, TextgenOptions, MemoryOptions {}
