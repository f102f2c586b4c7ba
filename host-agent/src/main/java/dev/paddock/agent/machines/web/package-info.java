/** HTTP API of the host's VMs (/api/v1/machines). */
@NullMarked
package dev.paddock.agent.machines.web;

import org.jspecify.annotations.NullMarked;
