/**
 * The service's recent log lines, kept in memory and served to super users as the reference serves its log
 * ({@code GET /api/v1/logs}, and {@code /api/v1/logs/stream} following new lines).
 */
@NullMarked
package dev.paddock.common.logs;

import org.jspecify.annotations.NullMarked;
