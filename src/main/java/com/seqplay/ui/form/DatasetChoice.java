package com.seqplay.ui.form;

/** A dataset the form offers: the reference a specification names and how the list shows it. */
public record DatasetChoice(String ref, String label) {}
