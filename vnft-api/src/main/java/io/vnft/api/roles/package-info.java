/**
 * The protocol's roles as library classes: {@link io.vnft.api.roles.Operator} (takes triggers,
 * batches, answers challenges, finalizes, withdraws), {@link io.vnft.api.roles.Challenger}
 * (regenerates every committed token and challenges a wrong pixel) and
 * {@link io.vnft.api.roles.TokenVerifier} (checks one minted token end to end).
 *
 * <p>Each role holds one {@link io.vnft.api.Vnft} client and goes through it for every read and
 * write (its chain, content store, generator and proof system): no role holds a second backend.
 * Each has a single-step {@code tick()} for tests and a {@code run} loop for services, an injectable
 * clock and a {@link io.vnft.api.roles.RoleListener} for progress. Only SPI types appear here, so
 * the roles run over any backends.
 */
package io.vnft.api.roles;
