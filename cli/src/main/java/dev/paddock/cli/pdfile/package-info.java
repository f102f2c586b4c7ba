/** Pdfiles: the reference's line-oriented recipe for pushing, pulling, listing and importing images. */
@NullMarked
package dev.paddock.cli.pdfile;

import org.jspecify.annotations.NullMarked;
