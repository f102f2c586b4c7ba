/** Golden VM images: manifests, tags, taint and revoke, and the content-addressed chunks they are made of. */
@NullMarked
package dev.paddock.catalog;

import org.jspecify.annotations.NullMarked;
