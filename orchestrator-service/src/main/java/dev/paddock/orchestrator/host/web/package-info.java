/** HTTP API of hosts and enrollment (/api/v1/orchestrator/hosts, /enrollment-token, /overview). */
@NullMarked
package dev.paddock.orchestrator.host.web;

import org.jspecify.annotations.NullMarked;
