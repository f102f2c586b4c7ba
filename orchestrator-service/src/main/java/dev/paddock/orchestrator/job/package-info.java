/** Jobs in PostgreSQL: weighted steps, progress, owner scoping, and a sweeper that fails jobs whose runner died. */
@NullMarked
package dev.paddock.orchestrator.job;

import org.jspecify.annotations.NullMarked;
