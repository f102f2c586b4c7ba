/** HTTP API of API keys (/api/v1/auth/api_keys). */
@NullMarked
package dev.paddock.orchestrator.apikey.web;

import org.jspecify.annotations.NullMarked;
