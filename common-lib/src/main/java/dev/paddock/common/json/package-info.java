/** JSON conventions of the reference API (snake_case) applied to every service. */
@NullMarked
package dev.paddock.common.json;

import org.jspecify.annotations.NullMarked;
