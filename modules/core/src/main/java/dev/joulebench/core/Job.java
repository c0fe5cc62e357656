package dev.joulebench.core;

/**
 * A unit of work that becomes a run. It never knows who started it (app, command line or test):
 * it reads its inputs from its spec, reports through the context, and checks for cancellation
 * between units of work (batches).
 */
@FunctionalInterface
public interface Job {
    JobResult run(JobContext context) throws Exception;
}
