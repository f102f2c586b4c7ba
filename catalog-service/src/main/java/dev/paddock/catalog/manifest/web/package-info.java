/** HTTP API of manifests (/api/v1/catalog), the reference's paths and shapes. */
@NullMarked
package dev.paddock.catalog.manifest.web;

import org.jspecify.annotations.NullMarked;
