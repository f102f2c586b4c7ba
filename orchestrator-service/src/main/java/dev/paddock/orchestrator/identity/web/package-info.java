/** HTTP API of users, roles and claims (/api/v1/auth/users, /roles, /claims). */
@NullMarked
package dev.paddock.orchestrator.identity.web;

import org.jspecify.annotations.NullMarked;
