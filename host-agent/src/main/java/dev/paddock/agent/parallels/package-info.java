/** The prlctl/prlsrvctl driver: argument lists only (never a shell), per-command timeouts, run as the VM's owner, output parsed from PD's JSON. */
@NullMarked
package dev.paddock.agent.parallels;

import org.jspecify.annotations.NullMarked;
