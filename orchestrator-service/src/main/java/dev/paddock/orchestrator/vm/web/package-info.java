/** HTTP API of fleet VMs (/api/v1/orchestrator/machines and per-host variants). */
@NullMarked
package dev.paddock.orchestrator.vm.web;

import org.jspecify.annotations.NullMarked;
