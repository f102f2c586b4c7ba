/** Users, roles and claims: who may do what. {@link dev.paddock.orchestrator.identity.Accounts} is the facade other features use. */
@NullMarked
package dev.paddock.orchestrator.identity;

import org.jspecify.annotations.NullMarked;
