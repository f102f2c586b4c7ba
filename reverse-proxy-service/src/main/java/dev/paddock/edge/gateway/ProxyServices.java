package dev.paddock.edge.gateway;

import dev.paddock.edge.access.RouteAccess;
import dev.paddock.edge.routes.LiveRoutes;
import dev.paddock.edge.vm.VmLocator;
import org.jspecify.annotations.Nullable;

/**
 * What every client connection's handler shares.
 *
 * @param vmDomain suffix of automatic VM hostnames, with its leading dot ({@code .vm.localhost})
 */
record ProxyServices(
        RouteTable api,
        LiveRoutes routes,
        VmLocator vms,
        RouteAccess access,
        ExchangeLog log,
        @Nullable RateLimiter limiter,
        String vmDomain,
        String vmSubdomainClaim) {}
