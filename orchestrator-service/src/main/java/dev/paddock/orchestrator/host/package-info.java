/** The host registry: enrollment tokens, registration, enable/disable/drain, tags and record-level restrictions, health state and capacity. */
@NullMarked
package dev.paddock.orchestrator.host;

import org.jspecify.annotations.NullMarked;
