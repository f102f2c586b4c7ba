/** HTTP API of snapshots (/api/v1/machines/{id}/snapshots). */
@NullMarked
package dev.paddock.agent.snapshots.web;

import org.jspecify.annotations.NullMarked;
