/** login, logout and whoami. */
@NullMarked
package dev.paddock.cli.auth;

import org.jspecify.annotations.NullMarked;
