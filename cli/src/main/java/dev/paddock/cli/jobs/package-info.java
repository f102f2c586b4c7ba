/** Long operations (jobs): listing them and following one to its end with a progress bar. */
@NullMarked
package dev.paddock.cli.jobs;

import org.jspecify.annotations.NullMarked;
