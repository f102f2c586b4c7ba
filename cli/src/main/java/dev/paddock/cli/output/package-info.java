/** Tables for people, JSON and YAML for scripts. */
@NullMarked
package dev.paddock.cli.output;

import org.jspecify.annotations.NullMarked;
