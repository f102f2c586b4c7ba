/** HTTP API of jobs (/api/v1/jobs). */
@NullMarked
package dev.paddock.orchestrator.job.web;

import org.jspecify.annotations.NullMarked;
