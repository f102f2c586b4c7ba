/** Jobs as every Paddock service reports them: the reference's JobResponse, one record for all. */
@NullMarked
package dev.paddock.contracts.job;

import org.jspecify.annotations.NullMarked;
