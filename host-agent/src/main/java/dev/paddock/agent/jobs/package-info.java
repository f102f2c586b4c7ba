/**
 * Long operations as jobs: weighted steps with their own progress, an overall percentage and ETA, owner scoping, and
 * events on the {@code job_manager} channel. Jobs live in memory: an agent restart fails nothing silently, because the
 * orchestrator tracks the job it started and fails it when the agent stops answering for it.
 */
@NullMarked
package dev.paddock.agent.jobs;

import org.jspecify.annotations.NullMarked;
