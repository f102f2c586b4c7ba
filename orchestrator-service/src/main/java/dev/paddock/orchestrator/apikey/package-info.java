/** API keys: created for a user, stored hashed, acting with their owner's claims only. */
@NullMarked
package dev.paddock.orchestrator.apikey;

import org.jspecify.annotations.NullMarked;
