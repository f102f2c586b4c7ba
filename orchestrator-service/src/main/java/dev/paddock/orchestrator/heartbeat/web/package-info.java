/** HTTP API agents push to (heartbeats and VM events), authenticated with each host's own secret. */
@NullMarked
package dev.paddock.orchestrator.heartbeat.web;

import org.jspecify.annotations.NullMarked;
