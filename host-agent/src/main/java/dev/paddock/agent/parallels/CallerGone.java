package dev.paddock.agent.parallels;

/**
 * The caller of a streamed command went away (its connection broke while output was being handed to it): the command
 * was stopped, and there is nobody left to answer.
 */
public final class CallerGone extends RuntimeException {

    CallerGone(PdCommand command, Throwable why) {
        super("the caller of " + command.display() + " went away; it was stopped", why);
    }
}
