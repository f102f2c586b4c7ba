/** What this host has and uses: the reference's /config/hardware report. */
@NullMarked
package dev.paddock.agent.hardware;

import org.jspecify.annotations.NullMarked;
