/**
 * Internal helpers shared by vnft's modules (currently the temp-and-rename file writer). Not part
 * of vnft's API: no compatibility promise, not for applications.
 */
package io.vnft.api.internal;
