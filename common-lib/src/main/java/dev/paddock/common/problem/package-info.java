/** RFC 9457 problem details: the one error contract of every Paddock service. */
@NullMarked
package dev.paddock.common.problem;

import org.jspecify.annotations.NullMarked;
