/**
 * Each user's own settings store (the reference's {@code /user/configs}): typed values by slug, visible only to their
 * owner; owns the table {@code user_configs}.
 */
@NullMarked
package dev.paddock.orchestrator.userconfig;

import org.jspecify.annotations.NullMarked;
