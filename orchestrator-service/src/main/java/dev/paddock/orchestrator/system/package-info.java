/**
 * The suite described as the reference describes one of its services: the fleet's capacity and the modules that answer
 * at this URL ({@code /config/hardware}, which the reference's web UI reads to switch its pages on), and the service's
 * own health ({@code /health/system}).
 */
@NullMarked
package dev.paddock.orchestrator.system;

import org.jspecify.annotations.NullMarked;
