/** The edge: one front door for the API and for every VM's HTTP and TCP services. */
@NullMarked
package dev.paddock.edge;

import org.jspecify.annotations.NullMarked;
