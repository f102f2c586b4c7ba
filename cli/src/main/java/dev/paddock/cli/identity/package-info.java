/** Users, roles, claims and API keys. */
@NullMarked
package dev.paddock.cli.identity;

import org.jspecify.annotations.NullMarked;
