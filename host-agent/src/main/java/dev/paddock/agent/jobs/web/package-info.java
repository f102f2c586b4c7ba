/** HTTP API of jobs (/api/v1/jobs). */
@NullMarked
package dev.paddock.agent.jobs.web;

import org.jspecify.annotations.NullMarked;
