/** The reference's {@code /api/v1/user/configs} routes. */
@NullMarked
package dev.paddock.orchestrator.userconfig.web;

import org.jspecify.annotations.NullMarked;
