/** Golden-image manifests: identity (catalog id, version, architecture), tags, restrictions and state. */
@NullMarked
package dev.paddock.catalog.manifest;

import org.jspecify.annotations.NullMarked;
