/** HTTP API of the audit log. */
@NullMarked
package dev.paddock.orchestrator.audit.web;

import org.jspecify.annotations.NullMarked;
