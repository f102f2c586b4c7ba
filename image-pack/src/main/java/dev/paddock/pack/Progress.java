package dev.paddock.pack;

/** Told how far a pack or unpack has come, in bytes of the bundle; called often, from any thread. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> {};

    void update(long done, long total);
}
