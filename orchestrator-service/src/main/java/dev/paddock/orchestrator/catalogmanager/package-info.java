/**
 * Other catalogs this suite can browse and manage for its users (the reference's catalog managers): each a URL and
 * the credentials to log in there, sealed at rest and never returned; the owner's own, or global for everyone who
 * holds its required claims. Catalog requests under {@code /catalog-managers/{id}/catalog} are forwarded there.
 */
@NullMarked
package dev.paddock.orchestrator.catalogmanager;

import org.jspecify.annotations.NullMarked;
