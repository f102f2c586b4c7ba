package dev.paddock.contracts.machine;

/** What a VM may be called: a name PD accepts that is also safe as one prlctl argument. */
public final class VmNames {

    /** No path separators, no leading dash (which prlctl would read as a flag), printable. */
    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9 ._()+@-]{0,127}$";

    public static final String MESSAGE =
            "must be 1-128 characters: letters, digits, space and . _ ( ) + @ -, starting with a letter or digit";

    private VmNames() {}
}
