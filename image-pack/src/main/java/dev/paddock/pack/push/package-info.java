/**
 * A push of a VM bundle to the catalog, as the CLI and the host agent both run it: pack, sending only the chunks the
 * catalog lacks, then commit the manifest, and send again once when the commit finds chunks collected meanwhile.
 */
@NullMarked
package dev.paddock.pack.push;

import org.jspecify.annotations.NullMarked;
