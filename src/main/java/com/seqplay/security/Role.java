package com.seqplay.security;

/** What an account may do in lab mode: every user runs and reads; an administrator also manages accounts and any run. */
public enum Role {
    USER,
    ADMIN
}
