package dev.paddock.pack;

/** A pack, its index or one of its chunks is malformed, corrupted or unsafe; the message says which and why. */
public class InvalidPackException extends RuntimeException {

    public InvalidPackException(String message) {
        super(message);
    }

    public InvalidPackException(String message, Throwable cause) {
        super(message, cause);
    }
}
