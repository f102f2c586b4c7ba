/**
 * Installing the host agent on a Mac over SSH (the reference's {@code /orchestrator/hosts/deploy}): log in with the
 * operator's credentials after checking the Mac's host key, copy the installer and the agent, run the installer with
 * a fresh enrollment token, and wait until the new agent has enrolled.
 */
@NullMarked
package dev.paddock.orchestrator.deploy;

import org.jspecify.annotations.NullMarked;
