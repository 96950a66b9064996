package io.cryptopipe.orchestrate.dag;

/** A DAG run's state. */
public enum RunState { RUNNING, SUCCESS, FAILED }
