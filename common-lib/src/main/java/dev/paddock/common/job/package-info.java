/** The reference's job API, declared once for every service that runs jobs (the agent and the orchestrator). */
@NullMarked
package dev.paddock.common.job;

import org.jspecify.annotations.NullMarked;
