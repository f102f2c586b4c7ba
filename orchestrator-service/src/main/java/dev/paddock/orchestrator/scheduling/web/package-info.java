/** HTTP API of VM creation (POST /api/v1/orchestrator/machines[/async], per host) and the resource overview. */
@NullMarked
package dev.paddock.orchestrator.scheduling.web;

import org.jspecify.annotations.NullMarked;
