/** HTTP API of the suite's description (/api/v1/config/hardware, /api/v1/health/system). */
@NullMarked
package dev.paddock.orchestrator.system.web;

import org.jspecify.annotations.NullMarked;
