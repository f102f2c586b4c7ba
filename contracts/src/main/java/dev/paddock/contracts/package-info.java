/** The typed contracts between Paddock's services: each served API's paths, requests and answers, in one place. */
@NullMarked
package dev.paddock.contracts;

import org.jspecify.annotations.NullMarked;
