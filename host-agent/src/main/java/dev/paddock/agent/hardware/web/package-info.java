/** HTTP API of the host report. */
@NullMarked
package dev.paddock.agent.hardware.web;

import org.jspecify.annotations.NullMarked;
