/** HTTP calls to a Paddock server with the context's credentials; server problems become exit codes. */
@NullMarked
package dev.paddock.cli.api;

import org.jspecify.annotations.NullMarked;
