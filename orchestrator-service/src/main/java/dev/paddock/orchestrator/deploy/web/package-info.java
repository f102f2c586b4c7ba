/** HTTP API of host deployment (/api/v1/orchestrator/hosts/deploy). */
@NullMarked
package dev.paddock.orchestrator.deploy.web;

import org.jspecify.annotations.NullMarked;
