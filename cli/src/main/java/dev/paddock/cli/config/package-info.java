/** The config file: contexts (server, credentials, cached token) kept in ~/.paddock/config, like kubectl's. */
@NullMarked
package dev.paddock.cli.config;

import org.jspecify.annotations.NullMarked;
