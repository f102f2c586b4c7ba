package dev.paddock.orchestrator.scheduling;

/** How free capacity ranks hosts: {@code pack} fills the fullest host first, {@code spread} the emptiest. */
enum PlacementPolicy {
    PACK,
    SPREAD;

    /** {@code paddock.fleet.placement-policy}: {@code spread}, anything else packs. */
    static PlacementPolicy of(String name) {
        return "spread".equals(name) ? SPREAD : PACK;
    }

    /** The score of a host with {@code free} units left: less free first when packing, more free first when spreading. */
    long score(long free) {
        return this == SPREAD ? -free : free;
    }
}
