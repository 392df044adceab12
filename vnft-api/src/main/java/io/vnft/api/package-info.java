/**
 * vnft-api: the public model (value records), the service-provider interfaces and the
 * {@link io.vnft.api.Vnft} client that runs the mint pipeline. Depends only on the JDK and slf4j-api.
 */
package io.vnft.api;
