/** Golden images from the command line: the catalog's manifests, and pushing and pulling bundles on this machine. */
@NullMarked
package dev.paddock.cli.images;

import org.jspecify.annotations.NullMarked;
