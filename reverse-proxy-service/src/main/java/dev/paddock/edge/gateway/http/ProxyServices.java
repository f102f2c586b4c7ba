package dev.paddock.edge.gateway.http;

import dev.paddock.edge.gateway.policy.RoutePolicies;
import dev.paddock.edge.routes.LiveRoutes;
import dev.paddock.edge.vm.VmLocator;

/** What every client connection's handler shares. */
public record ProxyServices(
        Routing routing, LiveRoutes routes, VmLocator vms, RoutePolicies policies, ExchangeLog log) {}
