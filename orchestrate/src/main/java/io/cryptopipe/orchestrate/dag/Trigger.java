package io.cryptopipe.orchestrate.dag;

/** Why a DAG run started. */
public enum Trigger { SCHEDULED, MANUAL }
