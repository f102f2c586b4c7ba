/** The audit log: who changed what, when, under which request. */
@NullMarked
package dev.paddock.orchestrator.audit;

import org.jspecify.annotations.NullMarked;
